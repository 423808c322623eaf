package dev.daylight.agent.intel;

import dev.daylight.identity.VersionOrder;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * OSV ecosystem spellings and package-name normalisation. OSV ecosystems are case-sensitive ({@code
 * npm}, {@code PyPI}); callers that spell them otherwise are mapped to the OSV form.
 */
public final class Ecosystems {
  private static final Map<String, String> CANONICAL =
      Map.of(
          "npm", "npm",
          "pypi", "PyPI",
          "crates.io", "crates.io",
          "go", "Go",
          "maven", "Maven",
          "nuget", "NuGet",
          "rubygems", "RubyGems",
          "packagist", "Packagist");

  private Ecosystems() {}

  /**
   * The OSV spelling of an ecosystem; unknown ones (and {@code Debian:12}-style ones) unchanged.
   */
  public static String canonical(String ecosystem) {
    if (ecosystem == null) {
      return "";
    }
    String e = ecosystem.trim();
    return CANONICAL.getOrDefault(e.toLowerCase(Locale.ROOT), e);
  }

  /**
   * The name as the index keys it: npm names as published (case-sensitive, scope kept), PyPI names
   * per PEP 503 (lower case, runs of {@code -_.} become one {@code -}).
   */
  public static String normaliseName(String ecosystem, String name) {
    String n = name == null ? "" : name.trim();
    return switch (canonical(ecosystem)) {
      case "PyPI" -> pep503(n);
      default -> n;
    };
  }

  /** The ecosystem's version order (npm: semver, PyPI: PEP 440, others: tolerant numeric). */
  public static Comparator<String> versionOrder(String ecosystem) {
    return VersionOrder.forEcosystem(canonical(ecosystem));
  }

  static String pep503(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean sep = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        sep = true;
        continue;
      }
      if (sep && out.length() > 0) {
        out.append('-');
      }
      sep = false;
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}
