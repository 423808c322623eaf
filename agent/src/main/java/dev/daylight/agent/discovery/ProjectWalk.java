package dev.daylight.agent.discovery;

import dev.daylight.agent.catalog.Catalog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Walks the home to a bounded depth looking for folders that hold a project config
 * ({@code .mcp.json}, {@code .cursor/}, {@code opencode.json}, ...). It reads each folder once,
 * never follows links (so link loops cannot trap it), never enters hidden folders or the pruned
 * ones, and skips the stat of names that are plainly files.
 */
final class ProjectWalk {
  private static final Set<String> FILE_ENDINGS = Set.of("js", "mjs", "cjs", "ts", "tsx", "jsx",
      "json", "md", "txt", "py", "pyc", "java", "class", "go", "rs", "c", "h", "cc", "cpp", "hpp",
      "kt", "rb", "php", "cs", "swift", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "pdf",
      "html", "css", "scss", "lock", "yml", "yaml", "toml", "xml", "sh", "log", "csv", "tsv", "zip",
      "gz", "tgz", "jar", "map", "mod", "sum", "ini", "cfg", "conf", "sql", "db", "bin", "so", "dll",
      "exe", "o", "a", "wasm", "ipynb", "rst", "env", "gitignore");

  private final Set<String> markers;
  private final List<Pattern> markerGlobs;
  private final Set<String> prune;
  private final boolean descendIntoHidden;
  private final int maxDepth;

  ProjectWalk(Catalog catalog, int maxDepth) {
    Set<String> m = new HashSet<>();
    catalog.clients().forEach(c -> c.projectFiles().forEach(f -> m.add(f.path().split("/")[0])));
    this.markers = Set.copyOf(m);
    this.markerGlobs = m.stream().filter(x -> x.contains("*")).map(Globs::toRegex).toList();
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
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (markers.contains(name) || markerGlobs.stream().anyMatch(g -> g.matcher(name).matches())) {
            found.add(dir);
          }
          if (depth < maxDepth && enterable(name)
              && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            dirs.push(entry);
            depths.push(depth + 1);
          }
        }
      } catch (IOException | RuntimeException e) {
        // Unreadable folders are skipped: they are not config files, and the walk must finish.
      }
    }
    return found;
  }

  private boolean enterable(String name) {
    if (prune.contains(name) || (!descendIntoHidden && name.startsWith("."))) {
      return false;
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 || !FILE_ENDINGS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
