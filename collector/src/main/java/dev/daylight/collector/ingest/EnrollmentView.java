package dev.daylight.collector.ingest;

import dev.daylight.collector.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin view of enrollment: devices someone tried to enroll again without proof (duplicates),
 * re-enrollments an administrator allowed and not yet used, and the latest enrollment events.
 */
public final class EnrollmentView {
  private EnrollmentView() {}

  public static Map<String, Object> of(Database db, int limit, long now) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    try (Connection c = db.read()) {
      out.put(
          "duplicates",
          rows(
              c,
              "SELECT node_id, device_id, hostname, duplicate_enrollments, last_duplicate_at,"
                  + " last_duplicate_host FROM nodes WHERE duplicate_enrollments > 0 ORDER BY last_duplicate_at DESC LIMIT ?",
              limit,
              null,
              "nodeId",
              "deviceId",
              "hostname",
              "refusedEnrollments",
              "lastRefusedAt",
              "lastRefusedHostname"));
      out.put(
          "reenrollmentsAllowed",
          rows(
              c,
              "SELECT node_id, device_id, hostname, reenroll_until FROM nodes"
                  + " WHERE reenroll_until >= ? ORDER BY reenroll_until LIMIT ?",
              limit,
              now,
              "nodeId",
              "deviceId",
              "hostname",
              "allowedUntil"));
      out.put(
          "events",
          rows(
              c,
              "SELECT node_id, at, kind, hostname, by_whom FROM enrollment_events"
                  + " ORDER BY at DESC LIMIT ?",
              limit,
              null,
              "nodeId",
              "at",
              "kind",
              "hostname",
              "by"));
    }
    return out;
  }

  private static List<Map<String, Object>> rows(
      Connection c, String sql, int limit, Long now, String... names) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (now != null) {
        ps.setLong(i++, now);
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int col = 0; col < names.length; col++) {
            row.put(names[col], rs.getObject(col + 1));
          }
          out.add(row);
        }
      }
    }
    return out;
  }
}
