package dev.daylight.agent.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 ordering for PyPI: epoch, release (trailing zeros ignored), pre-release, post-release,
 * dev-release, local label. A bare dev release sorts before every pre-release of its release, as
 * the specification's "sorting" rules (and {@code packaging.version}) require.
 */
final class Pep440Order implements VersionOrder {
  static final Pep440Order INSTANCE = new Pep440Order();

  private static final Pattern PEP440 =
      Pattern.compile(
          "^v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
              + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?"
              + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?"
              + "(?:[-_.]?(dev)[-_.]?(\\d+)?)?"
              + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$",
          Pattern.CASE_INSENSITIVE);

  private static final long NEG = Long.MIN_VALUE;
  private static final long POS = Long.MAX_VALUE;

  private Pep440Order() {}

  @Override
  public boolean valid(String version) {
    return version != null && PEP440.matcher(version.trim()).matches();
  }

  @Override
  public int compare(String a, String b) {
    Key x = key(a);
    Key y = key(b);
    if (x == null || y == null) {
      return GenericOrder.INSTANCE.compare(a, b);
    }
    return x.compareTo(y);
  }

  private static Key key(String version) {
    Matcher m = PEP440.matcher(version.trim());
    if (!m.matches()) {
      return null;
    }
    try {
      long epoch = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
      List<Long> release = new ArrayList<>();
      for (String part : m.group(2).split("\\.")) {
        release.add(Long.parseLong(part));
      }
      while (release.size() > 1 && release.get(release.size() - 1) == 0) {
        release.remove(release.size() - 1);
      }
      boolean hasPre = m.group(3) != null;
      boolean hasPost = m.group(5) != null || m.group(6) != null;
      boolean hasDev = m.group(8) != null;
      long preKind;
      long preNum = 0;
      if (hasPre) {
        preKind = preRank(m.group(3));
        preNum = number(m.group(4));
      } else if (!hasPost && hasDev) {
        preKind = NEG;
      } else {
        preKind = POS;
      }
      long post = hasPost ? number(m.group(5) != null ? m.group(5) : m.group(7)) : NEG;
      long dev = hasDev ? number(m.group(9)) : POS;
      String local = m.group(10) == null ? null : m.group(10).toLowerCase(Locale.ROOT);
      return new Key(epoch, release, preKind, preNum, post, dev, local);
    } catch (NumberFormatException tooLong) {
      return null;
    }
  }

  private static long preRank(String label) {
    return switch (label.toLowerCase(Locale.ROOT)) {
      case "a", "alpha" -> 0;
      case "b", "beta" -> 1;
      default -> 2; // c, rc, pre, preview all mean release candidate
    };
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private record Key(
      long epoch, List<Long> release, long preKind, long preNum, long post, long dev, String local)
      implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(epoch, o.epoch);
      if (c != 0) {
        return c;
      }
      int n = Math.min(release.size(), o.release.size());
      for (int i = 0; i < n; i++) {
        c = Long.compare(release.get(i), o.release.get(i));
        if (c != 0) {
          return c;
        }
      }
      c = Integer.compare(release.size(), o.release.size());
      if (c == 0) {
        c = Long.compare(preKind, o.preKind);
      }
      if (c == 0) {
        c = Long.compare(preNum, o.preNum);
      }
      if (c == 0) {
        c = Long.compare(post, o.post);
      }
      if (c == 0) {
        c = Long.compare(dev, o.dev);
      }
      return c != 0 ? c : compareLocal(local, o.local);
    }

    private static int compareLocal(String a, String b) {
      if (a == null || b == null) {
        return a == null ? (b == null ? 0 : -1) : 1;
      }
      String[] x = a.split("[-_.]");
      String[] y = b.split("[-_.]");
      int n = Math.min(x.length, y.length);
      for (int i = 0; i < n; i++) {
        boolean dx = VersionOrder.isDigits(x[i]);
        boolean dy = VersionOrder.isDigits(y[i]);
        int c = dx && dy ? VersionOrder.compareDigits(x[i], y[i])
            : dx != dy ? (dx ? 1 : -1) : x[i].compareTo(y[i]);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.length, y.length);
    }
  }
}
