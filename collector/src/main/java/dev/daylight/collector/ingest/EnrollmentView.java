package dev.daylight.collector.ingest;

import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The admin view of enrollment: devices someone tried to enroll again without proof (duplicates),
 * re-enrollments an administrator allowed and not yet used, and the latest enrollment events. Its
 * times are epoch milliseconds, as the console's enrollment page reads them.
 */
public record EnrollmentView(
    List<Duplicate> duplicates, List<Allowed> reenrollmentsAllowed, List<Event> events) {

  public record Duplicate(
      String nodeId,
      String deviceId,
      String hostname,
      Long refusedEnrollments,
      Long lastRefusedAt,
      String lastRefusedHostname) {}

  public record Allowed(String nodeId, String deviceId, String hostname, Long allowedUntil) {}

  public record Event(String nodeId, Long at, String kind, String hostname, String by) {}

  public static EnrollmentView of(Database db, int limit, long now) throws SQLException {
    try (Connection c = db.read()) {
      return new EnrollmentView(
          Rows.list(
              c,
              Duplicate.class,
              "SELECT node_id AS \"nodeId\", device_id AS \"deviceId\", hostname AS \"hostname\","
                  + " duplicate_enrollments AS \"refusedEnrollments\", last_duplicate_at AS \"lastRefusedAt\","
                  + " last_duplicate_host AS \"lastRefusedHostname\" FROM nodes WHERE duplicate_enrollments > 0"
                  + " ORDER BY last_duplicate_at DESC LIMIT ?",
              limit),
          Rows.list(
              c,
              Allowed.class,
              "SELECT node_id AS \"nodeId\", device_id AS \"deviceId\", hostname AS \"hostname\","
                  + " reenroll_until AS \"allowedUntil\" FROM nodes"
                  + " WHERE reenroll_until >= ? ORDER BY reenroll_until LIMIT ?",
              now,
              limit),
          Rows.list(
              c,
              Event.class,
              "SELECT node_id AS \"nodeId\", at AS \"at\", kind AS \"kind\", hostname AS \"hostname\","
                  + " by_whom AS \"by\" FROM enrollment_events ORDER BY at DESC LIMIT ?",
              limit));
    }
  }
}
