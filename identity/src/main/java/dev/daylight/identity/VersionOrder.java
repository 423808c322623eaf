package dev.daylight.identity;

import java.util.Comparator;

/**
 * Orders the versions of one ecosystem. OSV {@code SEMVER} ranges always use semver order; {@code
 * ECOSYSTEM} ranges use the ecosystem's own order (npm: semver, PyPI: PEP 440).
 */
public interface VersionOrder extends Comparator<String> {

  /** True when {@code version} is a version this order understands (not merely tolerates). */
  boolean valid(String version);

  /** The order of an OSV ecosystem or a purl type ({@code npm}, {@code PyPI}/{@code pypi}, ...). */
  static VersionOrder forEcosystem(String ecosystem) {
    return switch (ecosystem.toLowerCase(java.util.Locale.ROOT)) {
      case "npm" -> SemverOrder.INSTANCE;
      case "pypi" -> Pep440.INSTANCE;
      default -> GenericOrder.INSTANCE;
    };
  }

  /** The tolerant order for versions no ecosystem order reads. */
  static VersionOrder generic() {
    return GenericOrder.INSTANCE;
  }

  static VersionOrder semver() {
    return SemverOrder.INSTANCE;
  }

  /** Compares two runs of ASCII digits of any length numerically. */
  static int compareDigits(String a, String b) {
    String x = stripZeros(a);
    String y = stripZeros(b);
    return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
