package dev.daylight.agent.resolve;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Os;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which installed distribution provides a module that {@code python -m MODULE} runs. A module name
 * is not a package name: {@code python -m mcp_server_x} runs whatever a site-packages folder (or
 * the working folder) holds under that name, so a registry identity is given only when a
 * distribution that provides the module is found on disk ({@code *.dist-info/top_level.txt}, else
 * its {@code RECORD}). Reads only those small files, each with a size bound; imports and runs
 * nothing. For another account's home (an all-users scan as root) every folder and file is read
 * through that home's {@link FileAccess}: a config naming {@code /root/.venv/bin/python} makes no
 * read of root's venv, only the home and system locations are looked in, as its account could.
 */
public final class PythonModules {
  private static final int MAX_SMALL = 64 * 1024;
  private static final int MAX_RECORD = 4 * 1024 * 1024;
  private static final int MAX_DISTS = 2_000;

  /** One installed distribution: its normalised name and version. */
  record Dist(String name, String version) {}

  private final Path home;
  private final Os os;
  private final boolean realMachine;
  private final List<Path> pathDirs;

  /** The home's reads when it is another account's; null for the scan's own account. */
  private final FileAccess access;

  private final Map<Path, Map<String, Dist>> bySite = new HashMap<>();

  private PythonModules(
      Path home, Os os, boolean realMachine, List<Path> pathDirs, FileAccess access) {
    this.home = home;
    this.os = os;
    this.realMachine = realMachine;
    this.pathDirs = List.copyOf(pathDirs);
    this.access = access;
  }

  /** Nothing installed is known: every {@code -m} module stays local. */
  public static PythonModules none() {
    return new PythonModules(null, Os.LINUX, false, List.of(), null);
  }

  /**
   * Looks in the interpreter's own environment, the user's site-packages under {@code home}, and,
   * on the real machine, the prefix of the interpreter found on {@code PATH}.
   */
  public static PythonModules on(Path home, Os os, boolean realMachine, List<Path> pathDirs) {
    return new PythonModules(home, os, realMachine, pathDirs, null);
  }

  /**
   * As {@link #on} for the home {@code access} reads, another account's: only folders and files
   * that account could read, in its home or a system location.
   */
  public static PythonModules ofAccount(
      FileAccess access, Os os, boolean realMachine, List<Path> pathDirs) {
    return new PythonModules(access.home(), os, realMachine, pathDirs, access);
  }

  /** The distribution that provides {@code module} to {@code interpreter}, if one is installed. */
  synchronized Optional<Dist> provider(String interpreter, String module, Path configDir) {
    if (home == null || module.isBlank()) {
      return Optional.empty();
    }
    String top = module.split("\\.", 2)[0];
    for (Path site : sites(interpreter, configDir)) {
      Dist d = bySite.computeIfAbsent(site, this::index).get(top);
      if (d != null) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private Set<Path> sites(String interpreter, Path configDir) {
    Set<Path> out = new LinkedHashSet<>();
    interpreterPath(interpreter, configDir).ifPresent(exe -> prefixSites(exe, out));
    switch (os) {
      case LINUX -> globSites(home.resolve(".local/lib"), "python", "site-packages", out);
      case MACOS -> {
        for (Path v : children(home.resolve("Library/Python"))) {
          out.add(v.resolve("lib/python/site-packages"));
        }
        globSites(home.resolve(".local/lib"), "python", "site-packages", out);
      }
      case WINDOWS -> {
        for (Path v : children(home.resolve("AppData/Roaming/Python"))) {
          out.add(v.resolve("site-packages"));
        }
      }
    }
    out.removeIf(p -> !Files.isDirectory(p) || !mayRead(p));
    return out;
  }

  /**
   * A written interpreter path, resolved as the client would; a bare name through PATH (real
   * machine).
   */
  private Optional<Path> interpreterPath(String interpreter, Path configDir) {
    String s =
        interpreter.startsWith("~/") || interpreter.startsWith("~\\")
            ? home + interpreter.substring(1)
            : interpreter;
    List<Path> candidates = new ArrayList<>();
    try {
      if (s.contains("/") || s.contains("\\")) {
        Path p = Path.of(s);
        if (p.isAbsolute()) {
          candidates.add(p.normalize());
        } else if (configDir != null) {
          // A project's own venv (.venv/bin/python) is relative to where the client starts it:
          // the project folder, which holds the config file or its parent folder (.vscode/).
          candidates.add(configDir.resolve(p).normalize());
          if (configDir.getParent() != null) {
            candidates.add(configDir.getParent().resolve(p).normalize());
          }
        }
      } else if (realMachine) {
        for (Path dir : pathDirs) {
          candidates.add(
              dir.resolve(
                  os == Os.WINDOWS && !s.toLowerCase(Locale.ROOT).endsWith(".exe")
                      ? s + ".exe"
                      : s));
        }
      }
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    for (Path p : candidates) {
      // A venv on Windows keeps its interpreter in Scripts/, not bin/.
      Path windows =
          p.getFileName() != null
                  && p.getParent() != null
                  && p.getParent().getFileName() != null
                  && p.getParent().getFileName().toString().equals("bin")
              ? p.getParent().resolveSibling("Scripts").resolve(p.getFileName() + ".exe")
              : null;
      for (Path c : windows == null ? List.of(p) : List.of(p, windows)) {
        if ((realMachine || c.startsWith(home))
            && (access == null || c.getParent() != null && access.mayReadFolder(c.getParent()))
            && Files.exists(c, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * {@code PREFIX/bin/python} or {@code PREFIX/Scripts/python.exe} or {@code PREFIX/python.exe}.
   */
  private static void prefixSites(Path exe, Set<Path> out) {
    Path bin = exe.getParent();
    if (bin == null) {
      return;
    }
    String b =
        bin.getFileName() == null ? "" : bin.getFileName().toString().toLowerCase(Locale.ROOT);
    Path prefix =
        (b.equals("bin") || b.equals("scripts")) && bin.getParent() != null ? bin.getParent() : bin;
    globSites(prefix.resolve("lib"), "python", "site-packages", out);
    globSites(prefix.resolve("lib64"), "python", "site-packages", out);
    globSites(prefix.resolve("lib"), "python", "dist-packages", out);
    out.add(prefix.resolve("Lib/site-packages"));
  }

  private static void globSites(Path lib, String prefix, String leaf, Set<Path> out) {
    for (Path v : children(lib)) {
      if (v.getFileName().toString().startsWith(prefix)) {
        out.add(v.resolve(leaf));
      }
    }
  }

  /** Top-level module name to the distribution that installs it, for one site-packages folder. */
  private Map<String, Dist> index(Path site) {
    Map<String, Dist> out = new HashMap<>();
    int seen = 0;
    for (Path info : children(site)) {
      String dir = info.getFileName().toString();
      if (!dir.endsWith(".dist-info") && !dir.endsWith(".egg-info") || ++seen > MAX_DISTS) {
        continue;
      }
      Optional<Dist> dist = metadata(info);
      if (dist.isEmpty()) {
        continue;
      }
      List<String> tops = lines(info.resolve("top_level.txt"), MAX_SMALL);
      if (tops.isEmpty()) {
        tops = recordTops(lines(info.resolve("RECORD"), MAX_RECORD));
      }
      for (String t : tops) {
        if (!t.isEmpty()) {
          out.putIfAbsent(t, dist.get());
        }
      }
    }
    return out;
  }

  /** {@code pkg/__init__.py,sha256=...} gives {@code pkg}; {@code mod.py,...} gives {@code mod}. */
  static List<String> recordTops(List<String> record) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : record) {
      String file = line.split(",", 2)[0].replace('\\', '/');
      int slash = file.indexOf('/');
      String first = slash < 0 ? file : file.substring(0, slash);
      if (first.endsWith(".dist-info")
          || first.endsWith(".data")
          || first.startsWith("..")
          || first.isEmpty()) {
        continue;
      }
      if (slash > 0) {
        out.add(first);
      } else if (first.endsWith(".py")) {
        out.add(first.substring(0, first.length() - 3));
      }
    }
    return new ArrayList<>(out);
  }

  /** {@code Name:} and {@code Version:} from the METADATA (or PKG-INFO) header. */
  private Optional<Dist> metadata(Path info) {
    List<String> head = lines(info.resolve("METADATA"), MAX_SMALL);
    if (head.isEmpty()) {
      head = lines(info.resolve("PKG-INFO"), MAX_SMALL);
    }
    String name = null;
    String version = null;
    for (String l : head) {
      if (l.isEmpty()) {
        break;
      }
      if (name == null && l.startsWith("Name:")) {
        name = l.substring(5).trim();
      } else if (version == null && l.startsWith("Version:")) {
        version = l.substring(8).trim();
      }
    }
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Dist(
            name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"),
            version == null || version.isEmpty() ? null : version));
  }

  /** Whether a folder may be looked in: any for the scan's own account. */
  private boolean mayRead(Path dir) {
    return access == null || access.mayReadFolder(dir);
  }

  private List<String> lines(Path file, int max) {
    String text;
    if (access != null) {
      // Refused (a link out of the home, too large, not the account's to read): nothing.
      if (!(access.read(file, max) instanceof FileAccess.Content c)) {
        return List.of();
      }
      text = new String(c.bytes(), StandardCharsets.UTF_8);
    } else {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return List.of();
      }
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        text = new String(in.readNBytes(max), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
    }
    List<String> out = new ArrayList<>();
    for (String l : text.split("\r?\n")) {
      out.add(l.strip());
    }
    return out;
  }

  private static List<Path> children(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    } catch (IOException | RuntimeException e) {
      return out;
    }
    out.sort(null);
    return out;
  }
}
