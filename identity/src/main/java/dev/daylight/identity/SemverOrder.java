package dev.daylight.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic Versioning 2.0 precedence, as npm and OSV {@code SEMVER} ranges use it: prereleases sort
 * before their release, numeric identifiers numerically and below alphanumeric ones, build metadata
 * ignored. A leading {@code v} or {@code =} is tolerated, as npm tolerates it.
 */
final class SemverOrder implements VersionOrder {
  static final SemverOrder INSTANCE = new SemverOrder();

  private static final Pattern SEMVER =
      Pattern.compile(
          "^[v=]?\\s*(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?"
              + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z.-]+)?$");

  private SemverOrder() {}

  @Override
  public boolean valid(String version) {
    return version != null && SEMVER.matcher(version.trim()).matches();
  }

  @Override
  public int compare(String a, String b) {
    Matcher x = SEMVER.matcher(a.trim());
    Matcher y = SEMVER.matcher(b.trim());
    if (!x.matches() || !y.matches()) {
      return GenericOrder.INSTANCE.compare(a, b);
    }
    for (int g = 1; g <= 3; g++) {
      int c = VersionOrder.compareDigits(orZero(x.group(g)), orZero(y.group(g)));
      if (c != 0) {
        return c;
      }
    }
    return comparePrerelease(x.group(4), y.group(4));
  }

  private static String orZero(String s) {
    return s == null ? "0" : s;
  }

  private static int comparePrerelease(String a, String b) {
    if (a == null || b == null) {
      // A release sorts after any of its prereleases.
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      boolean dx = VersionOrder.isDigits(x[i]);
      boolean dy = VersionOrder.isDigits(y[i]);
      int c;
      if (dx && dy) {
        c = VersionOrder.compareDigits(x[i], y[i]);
      } else if (dx != dy) {
        c = dx ? -1 : 1;
      } else {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
