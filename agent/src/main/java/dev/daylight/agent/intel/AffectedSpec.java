package dev.daylight.agent.intel;

import dev.daylight.identity.VersionOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Which versions of one package an advisory covers: OSV ranges and an explicit version list,
 * evaluated per the OSV schema. {@code GIT} ranges are kept out: they name commits, not versions.
 */
record AffectedSpec(List<Range> ranges, List<String> versions) {

  enum Kind {
    INTRODUCED('i'),
    FIXED('f'),
    LAST_AFFECTED('l'),
    LIMIT('x');

    final char code;

    Kind(char code) {
      this.code = code;
    }

    static Kind of(char code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown range event '" + code + "'");
    }
  }

  record Event(Kind kind, String version) {}

  /** A range; {@code semver} ranges use semver order, the others the ecosystem's order. */
  record Range(boolean semver, List<Event> events) {}

  AffectedSpec {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
  }

  static AffectedSpec of(OsvRecord.Affected affected) {
    List<Range> ranges = new ArrayList<>();
    for (OsvRecord.Range r : affected.ranges()) {
      if (r.type() == null || r.type().equals("GIT")) {
        continue;
      }
      List<Event> events = new ArrayList<>();
      for (OsvRecord.Event e : r.events()) {
        if (e.introduced() != null) {
          events.add(new Event(Kind.INTRODUCED, e.introduced()));
        } else if (e.fixed() != null) {
          events.add(new Event(Kind.FIXED, e.fixed()));
        } else if (e.lastAffected() != null) {
          events.add(new Event(Kind.LAST_AFFECTED, e.lastAffected()));
        } else if (e.limit() != null) {
          events.add(new Event(Kind.LIMIT, e.limit()));
        }
      }
      if (!events.isEmpty()) {
        ranges.add(new Range(r.type().equals("SEMVER"), events));
      }
    }
    return new AffectedSpec(ranges, affected.versions());
  }

  /** True when some version is covered; a floating launch line may fetch exactly that one. */
  boolean anyAffected() {
    if (!versions.isEmpty()) {
      return true;
    }
    return ranges.stream()
        .anyMatch(r -> r.events().stream().anyMatch(e -> e.kind() == Kind.INTRODUCED));
  }

  /** True when {@code version} is covered by the list or by any range. */
  boolean affects(String version, VersionOrder ecosystemOrder) {
    String v = version.trim();
    for (String listed : versions) {
      if (listed.equals(v) || ecosystemOrder.compare(listed, v) == 0) {
        return true;
      }
    }
    for (Range r : ranges) {
      if (inRange(r, v, r.semver() ? VersionOrder.semver() : ecosystemOrder)) {
        return true;
      }
    }
    return false;
  }

  /** The lowest {@code fixed} version above {@code version} in any range, or null. */
  String fixedAbove(String version, VersionOrder ecosystemOrder) {
    String best = null;
    for (Range r : ranges) {
      VersionOrder order = r.semver() ? VersionOrder.semver() : ecosystemOrder;
      for (Event e : r.events()) {
        if (e.kind() == Kind.FIXED
            && order.compare(e.version(), version) > 0
            && (best == null || order.compare(e.version(), best) < 0)) {
          best = e.version();
        }
      }
    }
    return best;
  }

  /**
   * Walks the events in version order; the last event at or below {@code v} decides, which is the
   * evaluation the OSV schema describes ({@code last_affected} only closes the range above it).
   */
  private static boolean inRange(Range range, String v, VersionOrder order) {
    List<Event> events = new ArrayList<>(range.events());
    events.sort((a, b) -> compareEvent(a.version(), b.version(), order));
    boolean affected = false;
    for (Event e : events) {
      int c = zero(e.version()) ? 1 : order.compare(v, e.version());
      boolean reached = e.kind() == Kind.LAST_AFFECTED ? c > 0 : c >= 0;
      if (!reached) {
        continue;
      }
      affected = e.kind() == Kind.INTRODUCED;
    }
    return affected;
  }

  private static int compareEvent(String a, String b, VersionOrder order) {
    if (zero(a) || zero(b)) {
      return Boolean.compare(!zero(a), !zero(b));
    }
    return order.compare(a, b);
  }

  private static boolean zero(String version) {
    return "0".equals(version);
  }
}
