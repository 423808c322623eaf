package dev.daylight.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * Package URLs reduced to the form the fleet is indexed by: type and name without version,
 * qualifiers or subpath; names normalized the way their registries compare them.
 */
public final class Purls {
  private Purls() {}

  /**
   * {@code pkg:npm/postmark-mcp@1.0.16} becomes {@code pkg:npm/postmark-mcp}; trust, reviews and
   * fleet decisions are keyed by this form. Text that is not a package URL comes back without
   * version, qualifiers or subpath, unnormalized.
   */
  public static String base(String purl) {
    String p = strip(purl.trim());
    int at = versionAt(p);
    if (at >= 0) {
      p = p.substring(0, at);
    }
    return isPurl(p) ? normalize(p) : p;
  }

  private static boolean isPurl(String p) {
    return p.startsWith("pkg:") && p.indexOf('/') > 4;
  }

  /** The version a purl carries, if any. */
  public static Optional<String> version(String purl) {
    String p = strip(purl.trim());
    int at = versionAt(p);
    return at >= 0 && at + 1 < p.length() ? Optional.of(p.substring(at + 1)) : Optional.empty();
  }

  /** The purl type ({@code npm}, {@code pypi}, {@code docker}...), lower case. */
  public static String type(String purl) {
    String p = purl.trim();
    int colon = p.indexOf(':');
    int slash = p.indexOf('/', colon + 1);
    if (!p.startsWith("pkg:") || slash < 0) {
      throw new IllegalArgumentException("not a package URL: " + purl);
    }
    return p.substring(colon + 1, slash).toLowerCase(Locale.ROOT);
  }

  private static String strip(String p) {
    int hash = p.indexOf('#');
    if (hash >= 0) {
      p = p.substring(0, hash);
    }
    int q = p.indexOf('?');
    return q >= 0 ? p.substring(0, q) : p;
  }

  private static int versionAt(String p) {
    int slash = p.lastIndexOf('/');
    int at = p.indexOf('@', slash + 1);
    // A raw npm scope ("pkg:npm/@scope/name") puts '@' right after a slash: that is not a version.
    return at == slash + 1 ? -1 : at;
  }

  private static String normalize(String p) {
    String type = type(p);
    String name = p.substring(p.indexOf('/') + 1);
    name =
        switch (type) {
          case "npm" ->
              (name.startsWith("@") ? "%40" + name.substring(1) : name).toLowerCase(Locale.ROOT);
          case "pypi" -> name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
          default -> name;
        };
    return "pkg:" + type + "/" + name;
  }
}
