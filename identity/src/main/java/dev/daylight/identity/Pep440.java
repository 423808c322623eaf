package dev.daylight.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 for PyPI. The order: epoch, release (trailing zeros ignored), pre-release, post-release,
 * dev-release, local label; a bare dev release sorts before every pre-release of its release, as
 * the specification's "sorting" rules (and {@code packaging.version}) require. Specifier sets
 * ({@code >=1.0,<2}, {@code ~=1.4.2}, {@code ==1.0.*}) match pre-releases like any other version:
 * an incident query wants every affected machine.
 */
public final class Pep440 implements VersionOrder {
  public static final Pep440 INSTANCE = new Pep440();
  private static final Pattern CLAUSE = Pattern.compile("(~=|===|==|!=|<=|>=|<|>)\\s*(\\S+)");

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

  private Pep440() {}

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

  /**
   * A specifier set: every comma-separated clause must hold; a version it cannot read matches none.
   */
  public static Predicate<String> specifier(String spec) {
    List<Predicate<Key>> clauses = new ArrayList<>();
    List<String> exact = new ArrayList<>();
    for (String raw : spec.split(",")) {
      String clause = raw.trim();
      Matcher m = CLAUSE.matcher(clause);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a PEP 440 specifier: " + clause);
      }
      if (m.group(1).equals("===")) {
        exact.add(m.group(2));
      } else {
        clauses.add(clause(m.group(1), m.group(2)));
      }
    }
    return text -> {
      Key v = key(text);
      return exact.stream().allMatch(text::equals)
          && v != null
          && clauses.stream().allMatch(c -> c.test(v));
    };
  }

  private static Predicate<Key> clause(String op, String v) {
    if (v.endsWith(".*")) {
      if (!op.equals("==") && !op.equals("!=")) {
        throw new IllegalArgumentException("wildcard only with == or !=: " + op + v);
      }
      String written = v.substring(0, v.length() - 2);
      Key base = required(written);
      List<Long> parts = releaseOf(written);
      Predicate<Key> prefix = x -> x.epoch() == base.epoch() && x.hasPrefix(parts);
      return op.equals("==") ? prefix : prefix.negate();
    }
    Key b = required(v);
    return switch (op) {
      // A specifier without a local label matches every local build of its version.
      case "==" -> x -> (b.local() == null ? x.withoutLocal() : x).compareTo(b) == 0;
      case "!=" -> x -> (b.local() == null ? x.withoutLocal() : x).compareTo(b) != 0;
      case "<=" -> x -> x.compareTo(b) <= 0;
      case ">=" -> x -> x.compareTo(b) >= 0;
      case "<" -> x -> x.compareTo(b) < 0;
      case ">" -> x -> x.compareTo(b) > 0;
      case "~=" -> {
        List<Long> written = releaseOf(v);
        if (written.size() < 2) {
          throw new IllegalArgumentException("~= needs at least two release parts: " + v);
        }
        List<Long> prefix = written.subList(0, written.size() - 1);
        yield x -> x.compareTo(b) >= 0 && x.epoch() == b.epoch() && x.hasPrefix(prefix);
      }
      default -> throw new IllegalArgumentException("unknown operator " + op);
    };
  }

  private static Key required(String v) {
    Key k = key(v);
    if (k == null) {
      throw new IllegalArgumentException("not a PEP 440 version: " + v);
    }
    return k;
  }

  /** The release parts as written, trailing zeros kept ({@code ~=1.4.0} keeps {@code 1.4}). */
  private static List<Long> releaseOf(String v) {
    Matcher m = PEP440.matcher(v.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PEP 440 version: " + v);
    }
    List<Long> parts = new ArrayList<>();
    for (String part : m.group(2).split("\\.")) {
      parts.add(Long.parseLong(part));
    }
    return parts;
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
    Key withoutLocal() {
      return new Key(epoch, release, preKind, preNum, post, dev, null);
    }

    boolean hasPrefix(List<Long> prefix) {
      for (int i = 0; i < prefix.size(); i++) {
        long part = i < release.size() ? release.get(i) : 0;
        if (part != prefix.get(i)) {
          return false;
        }
      }
      return true;
    }

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
        int c =
            dx && dy
                ? VersionOrder.compareDigits(x[i], y[i])
                : dx != dy ? (dx ? 1 : -1) : x[i].compareTo(y[i]);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.length, y.length);
    }
  }
}
