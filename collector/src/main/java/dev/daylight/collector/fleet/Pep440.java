package dev.daylight.collector.fleet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 versions and specifier sets ({@code >=1.0,<2}, {@code ~=1.4.2}, {@code ==1.0.*}).
 * Pre-releases match like any other version: an incident query wants every affected machine.
 */
final class Pep440 {
  private static final Pattern VERSION = Pattern.compile(
      "v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
          + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?"
          + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?"
          + "(?:[-_.]?(dev)[-_.]?(\\d+)?)?"
          + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?");
  private static final Pattern CLAUSE = Pattern.compile("(~=|===|==|!=|<=|>=|<|>)\\s*(\\S+)");

  record Version(long epoch, long[] release, int preKind, long pre, long post, long dev)
      implements Comparable<Version> {
    @Override
    public int compareTo(Version o) {
      int c = Long.compare(epoch, o.epoch);
      if (c != 0) {
        return c;
      }
      int n = Math.max(release.length, o.release.length);
      for (int i = 0; i < n; i++) {
        c = Long.compare(part(release, i), part(o.release, i));
        if (c != 0) {
          return c;
        }
      }
      c = Integer.compare(preKind, o.preKind);
      if (c == 0) {
        c = Long.compare(pre, o.pre);
      }
      if (c == 0) {
        c = Long.compare(post, o.post);
      }
      return c != 0 ? c : Long.compare(dev, o.dev);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(epoch);
    }

    boolean hasPrefix(long[] prefix) {
      for (int i = 0; i < prefix.length; i++) {
        if (part(release, i) != prefix[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private Pep440() {}

  private static long part(long[] r, int i) {
    return i < r.length ? r[i] : 0;
  }

  static Version parse(String text) {
    Matcher m = VERSION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PEP 440 version: " + text);
    }
    long epoch = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    long[] release = Arrays.stream(m.group(2).split("\\.")).mapToLong(Long::parseLong).toArray();
    boolean hasPost = m.group(5) != null || m.group(6) != null;
    boolean hasDev = m.group(8) != null;
    int preKind;
    long pre = 0;
    if (m.group(3) != null) {
      preKind = switch (m.group(3)) {
        case "a", "alpha" -> 1;
        case "b", "beta" -> 2;
        default -> 3;
      };
      pre = num(m.group(4));
    } else {
      // A bare dev release sorts before every pre-release of its version; a final after all.
      preKind = !hasPost && hasDev ? 0 : 4;
    }
    long post = m.group(5) != null ? Long.parseLong(m.group(5)) : hasPost ? num(m.group(7)) : -1;
    long dev = hasDev ? num(m.group(9)) : Long.MAX_VALUE;
    return new Version(epoch, release, preKind, pre, post, dev);
  }

  private static long num(String s) {
    return s == null ? 0 : Long.parseLong(s);
  }

  /** A specifier set: every comma-separated clause must hold. */
  static Predicate<String> specifier(String spec) {
    List<Predicate<Version>> clauses = new ArrayList<>();
    List<Predicate<String>> exact = new ArrayList<>();
    for (String raw : spec.split(",")) {
      String clause = raw.trim();
      Matcher m = CLAUSE.matcher(clause);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a PEP 440 specifier: " + clause);
      }
      String op = m.group(1);
      String v = m.group(2);
      if (op.equals("===")) {
        exact.add(v::equals);
        continue;
      }
      clauses.add(clause(op, v));
    }
    return text -> {
      if (!exact.stream().allMatch(p -> p.test(text))) {
        return false;
      }
      Version v;
      try {
        v = parse(text);
      } catch (IllegalArgumentException e) {
        return false;
      }
      return clauses.stream().allMatch(p -> p.test(v));
    };
  }

  private static Predicate<Version> clause(String op, String v) {
    if (v.endsWith(".*")) {
      if (!op.equals("==") && !op.equals("!=")) {
        throw new IllegalArgumentException("wildcard only with == or !=: " + op + v);
      }
      Version base = parse(v.substring(0, v.length() - 2));
      Predicate<Version> prefix = x -> x.epoch() == base.epoch() && x.hasPrefix(base.release());
      return op.equals("==") ? prefix : prefix.negate();
    }
    Version b = parse(v);
    return switch (op) {
      case "==" -> x -> x.compareTo(b) == 0;
      case "!=" -> x -> x.compareTo(b) != 0;
      case "<=" -> x -> x.compareTo(b) <= 0;
      case ">=" -> x -> x.compareTo(b) >= 0;
      case "<" -> x -> x.compareTo(b) < 0;
      case ">" -> x -> x.compareTo(b) > 0;
      case "~=" -> {
        if (b.release().length < 2) {
          throw new IllegalArgumentException("~= needs at least two release parts: " + v);
        }
        long[] prefix = Arrays.copyOf(b.release(), b.release().length - 1);
        yield x -> x.compareTo(b) >= 0 && x.epoch() == b.epoch() && x.hasPrefix(prefix);
      }
      default -> throw new IllegalArgumentException("unknown operator " + op);
    };
  }
}
