package dev.daylight.collector.fleet;

import dev.daylight.collector.store.Rows;
import dev.daylight.protocol.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The versions of a package that some agent's release review found an open {@code release-*}
 * finding in, at or above a severity. A version's code is the same on every device, so one device's
 * review flags the version fleet-wide.
 */
final class ReleaseVersions {
  private ReleaseVersions() {}

  private record Flagged(String purl) {}

  static Set<String> flagged(Connection c, String base, Severity atLeast) throws SQLException {
    List<Object> args = new ArrayList<>();
    StringBuilder in = new StringBuilder();
    for (Severity s : Severity.values()) {
      if (s.atLeast(atLeast)) {
        in.append(in.length() == 0 ? "?" : ",?");
        args.add(s.wire());
      }
    }
    String prefix = base + "@";
    args.add(prefix.length());
    args.add(prefix);
    Set<String> versions = new HashSet<>();
    for (Flagged row :
        Rows.list(
            c,
            Flagged.class,
            "SELECT DISTINCT purl AS \"purl\" FROM findings WHERE status = 'open' AND rule LIKE 'release-%'"
                + " AND severity IN ("
                + in
                + ") AND substr(purl, 1, ?) = ?",
            args.toArray())) {
      versions.add(row.purl().substring(prefix.length()));
    }
    return versions;
  }
}
