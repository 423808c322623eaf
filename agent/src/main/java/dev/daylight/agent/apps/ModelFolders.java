package dev.daylight.agent.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Names the models a local runtime keeps, from its folder layout. */
final class ModelFolders {
  private static final int MAX = 20;

  private ModelFolders() {}

  /**
   * Ollama: {@code manifests/<registry>/<namespace>/<model>/<tag>} ({@code library} models shown as
   * {@code model:tag}); LM Studio and others: {@code <publisher>/<model>} folders.
   */
  static List<String> list(String appId, Path dir) {
    List<String> out = new ArrayList<>();
    if (appId.equals("ollama")) {
      Path manifests = dir.resolve("manifests");
      for (Path registry : dirs(manifests)) {
        for (Path ns : dirs(registry)) {
          for (Path model : dirs(ns)) {
            for (Path tag : files(model)) {
              String n = ns.getFileName().toString();
              out.add(
                  (n.equals("library") ? "" : n + "/")
                      + model.getFileName()
                      + ":"
                      + tag.getFileName());
            }
          }
        }
      }
    } else {
      for (Path publisher : dirs(dir)) {
        for (Path model : dirs(publisher)) {
          out.add(publisher.getFileName() + "/" + model.getFileName());
        }
      }
    }
    return out.size() <= MAX ? out : out.subList(0, MAX);
  }

  private static List<Path> dirs(Path d) {
    return entries(d, true);
  }

  private static List<Path> files(Path d) {
    return entries(d, false);
  }

  private static List<Path> entries(Path d, boolean directories) {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> Files.isDirectory(p) == directories).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
