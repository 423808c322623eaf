package dev.daylight.agent.discovery;

import dev.daylight.agent.platform.Root;
import dev.daylight.agent.scan.ScanContext;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Expands catalog path patterns below a base folder: {@code *} inside a segment matches within one
 * folder, {@code **} matches any number of folders (bounded, links not followed).
 */
public final class Globs {
  private static final int MAX_DOUBLE_STAR_DEPTH = 6;

  private Globs() {}

  /**
   * A catalog path template: {@code {root}/rest} (a root of the scanned layout, or one of {@code
   * extra}, such as the agent's state folder) or {@code {env:NAME}/rest} (an absolute path in the
   * scanned user's environment; a fake home has none), with globs expanded; a plain relative path
   * is under the home.
   */
  public static List<Path> expandTemplate(
      String template, ScanContext context, Map<String, Path> extra) {
    int close = template.indexOf('}');
    if (!template.startsWith("{") || close < 0) {
      return expand(context.home(), template);
    }
    String token = template.substring(1, close);
    String rest = template.substring(close + 1).replaceFirst("^[/\\\\]+", "");
    Optional<Path> base;
    if (extra.containsKey(token)) {
      base = Optional.of(extra.get(token));
    } else if (token.startsWith("env:")) {
      base = context.env(token.substring(4)).flatMap(Globs::absolutePath);
    } else {
      base = context.layout().root(Root.ofToken(token));
    }
    return base.map(b -> rest.isEmpty() ? List.of(b) : expand(b, rest)).orElse(List.of());
  }

  private static Optional<Path> absolutePath(String raw) {
    try {
      return Optional.of(Path.of(raw)).filter(Path::isAbsolute);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  public static List<Path> expand(Path base, String relative) {
    List<Path> out = new ArrayList<>();
    String[] segments = relative.replace('\\', '/').split("/");
    expand(base, segments, 0, out);
    return out;
  }

  private static void expand(Path dir, String[] segs, int i, List<Path> out) {
    if (i == segs.length) {
      out.add(dir);
      return;
    }
    String seg = segs[i];
    if (seg.isEmpty() || seg.equals(".")) {
      expand(dir, segs, i + 1, out);
    } else if (seg.equals("**")) {
      doubleStar(dir, segs, i + 1, out, 0);
    } else if (seg.indexOf('*') < 0 && seg.indexOf('?') < 0) {
      Path next = dir.resolve(seg);
      if (i == segs.length - 1 || Files.isDirectory(next)) {
        expand(next, segs, i + 1, out);
      }
    } else {
      Pattern p = toRegex(seg);
      for (Path child : list(dir)) {
        if (p.matcher(child.getFileName().toString()).matches()
            && (i == segs.length - 1 || Files.isDirectory(child))) {
          expand(child, segs, i + 1, out);
        }
      }
    }
  }

  private static void doubleStar(Path dir, String[] segs, int next, List<Path> out, int depth) {
    expand(dir, segs, next, out);
    if (depth >= MAX_DOUBLE_STAR_DEPTH) {
      return;
    }
    for (Path child : list(dir)) {
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
          && !child.getFileName().toString().equals("node_modules")) {
        doubleStar(child, segs, next, out, depth + 1);
      }
    }
  }

  static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    } catch (IOException | RuntimeException e) {
      // An unreadable folder holds nothing we can report on; its files would be the errors.
    }
    out.sort(null);
    return out;
  }

  static Pattern toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
