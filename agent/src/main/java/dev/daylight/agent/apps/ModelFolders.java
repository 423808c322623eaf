package dev.daylight.agent.apps;

import dev.daylight.agent.platform.FileAccess;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the models a local runtime keeps, from its folder layout. The names become the account's
 * client evidence, so a folder is listed only when the home's account may (a link to another
 * account's or root's folder is not listed), and the listing is bounded: a few entries per folder,
 * a few folders in all.
 */
final class ModelFolders {
  static final int MAX = 20;

  /** Entries read from one folder: far more than a runtime's models, far fewer than a flood. */
  static final int MAX_ENTRIES = 500;

  /** Folders listed for one runtime (Ollama's layout nests four deep). */
  static final int MAX_FOLDERS = 200;

  private final FileAccess access;
  private int folders;

  private ModelFolders(FileAccess access) {
    this.access = access;
  }

  /**
   * Ollama: {@code manifests/<registry>/<namespace>/<model>/<tag>} ({@code library} models shown as
   * {@code model:tag}); LM Studio and others: {@code <publisher>/<model>} folders.
   */
  static List<String> list(String appId, Path dir, FileAccess access) {
    return new ModelFolders(access).names(appId, dir);
  }

  private List<String> names(String appId, Path dir) {
    List<String> out = new ArrayList<>();
    if (appId.equals("ollama")) {
      for (Path registry : dirs(dir.resolve("manifests"))) {
        for (Path ns : dirs(registry)) {
          for (Path model : dirs(ns)) {
            for (Path tag : files(model)) {
              String n = ns.getFileName().toString();
              out.add(
                  (n.equals("library") ? "" : n + "/")
                      + model.getFileName()
                      + ":"
                      + tag.getFileName());
              if (out.size() >= MAX) {
                return out;
              }
            }
          }
        }
      }
    } else {
      for (Path publisher : dirs(dir)) {
        for (Path model : dirs(publisher)) {
          out.add(publisher.getFileName() + "/" + model.getFileName());
          if (out.size() >= MAX) {
            return out;
          }
        }
      }
    }
    return out;
  }

  private List<Path> dirs(Path d) {
    return entries(d, true);
  }

  private List<Path> files(Path d) {
    return entries(d, false);
  }

  /** At most {@link #MAX_ENTRIES} of the folder's entries, sorted; none past the folder budget. */
  private List<Path> entries(Path d, boolean directories) {
    if (folders >= MAX_FOLDERS || !Files.isDirectory(d) || !access.mayReadFolder(d)) {
      return List.of();
    }
    folders++;
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
      int read = 0;
      for (Path p : s) {
        if (++read > MAX_ENTRIES) {
          break;
        }
        if (Files.isDirectory(p) == directories) {
          out.add(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    out.sort(null);
    return out;
  }
}
