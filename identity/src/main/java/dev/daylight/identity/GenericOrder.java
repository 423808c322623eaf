package dev.daylight.identity;

import java.util.Locale;

/**
 * A tolerant order for ecosystems without a dedicated one and for strings the strict orders reject:
 * splits on anything not a letter or digit and compares numeric runs as numbers.
 */
final class GenericOrder implements VersionOrder {
  static final GenericOrder INSTANCE = new GenericOrder();

  private GenericOrder() {}

  @Override
  public boolean valid(String version) {
    return version != null && !version.isBlank();
  }

  @Override
  public int compare(String a, String b) {
    String[] x = tokens(a);
    String[] y = tokens(b);
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = compareToken(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static String[] tokens(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("v")) {
      s = s.substring(1);
    }
    // Split between digit and letter runs too, so 1rc2 orders like 1.rc.2.
    return s.replaceAll("(?<=\\d)(?=[a-z])|(?<=[a-z])(?=\\d)", ".").split("[^a-z0-9]+", -1);
  }

  private static int compareToken(String a, String b) {
    boolean da = VersionOrder.isDigits(a);
    boolean db = VersionOrder.isDigits(b);
    if (da && db) {
      return VersionOrder.compareDigits(a, b);
    }
    if (da != db) {
      return da ? 1 : -1;
    }
    return a.compareTo(b);
  }
}
