package dev.daylight.agent.discovery;

import dev.daylight.agent.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Walks the home to a bounded depth looking for folders that hold a project config ({@code
 * .mcp.json}, {@code .cursor/}, {@code opencode.json}, ...). It reads each folder once, never
 * follows links (so link loops cannot trap it), never enters hidden folders or the pruned ones, and
 * skips the stat of names that are plainly files.
 */
final class ProjectWalk {
  private static final Set<String> FILE_ENDINGS =
      Set.of(
          "js",
          "mjs",
          "cjs",
          "ts",
          "tsx",
          "jsx",
          "json",
          "md",
          "txt",
          "py",
          "pyc",
          "java",
          "class",
          "go",
          "rs",
          "c",
          "h",
          "cc",
          "cpp",
          "hpp",
          "kt",
          "rb",
          "php",
          "cs",
          "swift",
          "png",
          "jpg",
          "jpeg",
          "gif",
          "svg",
          "ico",
          "webp",
          "pdf",
          "html",
          "css",
          "scss",
          "lock",
          "yml",
          "yaml",
          "toml",
          "xml",
          "sh",
          "log",
          "csv",
          "tsv",
          "zip",
          "gz",
          "tgz",
          "jar",
          "map",
          "mod",
          "sum",
          "ini",
          "cfg",
          "conf",
          "sql",
          "db",
          "bin",
          "so",
          "dll",
          "exe",
          "o",
          "a",
          "wasm",
          "ipynb",
          "rst",
          "env",
          "gitignore");

  private final Set<String> markers;
  private final List<Pattern> markerGlobs;

  /** Per glob, the literal text after its last {@code *}: a name must end with it to match. */
  private final List<String> markerGlobTails;

  private final Set<String> prune;
  private final boolean descendIntoHidden;
  private final int maxDepth;

  ProjectWalk(Catalog catalog, int maxDepth) {
    Set<String> m = new HashSet<>();
    catalog.clients().forEach(c -> c.projectFiles().forEach(f -> m.add(f.path().split("/")[0])));
    this.markers = Set.copyOf(m);
    List<String> globs = m.stream().filter(x -> x.contains("*")).toList();
    this.markerGlobs = globs.stream().map(Globs::toRegex).toList();
    this.markerGlobTails = globs.stream().map(ProjectWalk::literalTail).toList();
    this.prune = Set.copyOf(catalog.walk().prune());
    this.descendIntoHidden = catalog.walk().descendIntoHidden();
    this.maxDepth = maxDepth;
  }

  /** Folders (the home included) that contain at least one project marker. */
  Set<Path> projectFolders(Path home) {
    Set<Path> found = new LinkedHashSet<>();
    Deque<Path> dirs = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    dirs.push(home);
    depths.push(0);
    while (!dirs.isEmpty()) {
      Path dir = dirs.pop();
      int depth = depths.pop();
      try {
        // java.io lists bare names; a DirectoryStream builds two Paths per entry, which was most
        // of the walk's CPU in a folder of thousands of files. Null: unreadable, skipped like any
        // folder that is not a config file, so the walk always finishes.
        String[] names = dir.toFile().list();
        if (names == null) {
          continue;
        }
        for (String name : names) {
          if (isMarker(name)) {
            found.add(dir);
          }
          if (depth < maxDepth && enterable(name)) {
            Path entry = dir.resolve(name);
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
              dirs.push(entry);
              depths.push(depth + 1);
            }
          }
        }
      } catch (RuntimeException e) {
        // A name this platform's paths cannot hold, or a folder we may not read: skipped.
      }
    }
    return found;
  }

  private boolean isMarker(String name) {
    if (markers.contains(name)) {
      return true;
    }
    for (int i = 0; i < markerGlobs.size(); i++) {
      if (name.endsWith(markerGlobTails.get(i)) && markerGlobs.get(i).matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String literalTail(String glob) {
    String tail = glob.substring(glob.lastIndexOf('*') + 1);
    return tail.contains("?") || tail.contains("[") || tail.contains("{") ? "" : tail;
  }

  private boolean enterable(String name) {
    if (prune.contains(name) || (!descendIntoHidden && name.startsWith("."))) {
      return false;
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 || !FILE_ENDINGS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
