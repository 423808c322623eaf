package dev.daylight.collector.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls the agents' guard hook refused ({@code deny}) or would have refused in audit mode
 * ({@code audit}), per device and fleet-wide. They arrive as {@code guard-call} events whose
 * summary starts with the decision; the call's fields ride in the event body.
 */
public final class GuardCalls {
  private final Database db;

  public GuardCalls(Database db) {
    this.db = db;
  }

  /** {@code GET /api/v1/guard/calls}: the counts, per device, and the latest calls. */
  public record Answer(long blocked, long audited, List<Device> devices, List<Call> calls) {}

  public record Device(
      String nodeId, String hostname, long blocked, long audited, Instant lastSeen) {}

  /** The call's fields from the event body; null where the agent sent none (or no text). */
  public record Call(
      String nodeId,
      String hostname,
      Instant at,
      String client,
      String server,
      String tool,
      String project,
      String decision,
      String reason,
      String osUser) {}

  private record Row(String nodeId, String hostname, Instant at, JsonNode body) {}

  /**
   * @param node one device, or null for the fleet
   * @param decision {@code deny}, {@code audit}, or null for both
   * @param sinceMillis calls at or after this time
   */
  public Answer query(String node, String decision, long sinceMillis, int limit)
      throws SQLException {
    if (decision != null && !decision.equals("deny") && !decision.equals("audit")) {
      throw dev.daylight.collector.ApiException.badRequest("decision must be deny or audit");
    }
    String where =
        " FROM events e JOIN nodes n ON n.node_id = e.node_id WHERE e.type = 'guard-call' AND e.at >= ?"
            + (node == null ? "" : " AND e.node_id = ?")
            + (decision == null ? "" : " AND e.summary LIKE ?");
    List<Object> args = new ArrayList<>(List.of(sinceMillis));
    if (node != null) {
      args.add(node);
    }
    if (decision != null) {
      args.add(decision + ":%");
    }
    try (Connection c = db.read()) {
      List<Device> devices =
          Rows.list(
              c,
              Device.class,
              "SELECT e.node_id AS \"nodeId\", n.hostname AS \"hostname\","
                  + " SUM(CASE WHEN e.summary LIKE 'deny:%' THEN 1 ELSE 0 END) AS \"blocked\","
                  + " SUM(CASE WHEN e.summary LIKE 'audit:%' THEN 1 ELSE 0 END) AS \"audited\","
                  + " MAX(e.at) AS \"lastSeen\""
                  + where
                  + " GROUP BY e.node_id, n.hostname ORDER BY MAX(e.at) DESC",
              args.toArray());
      args.add(limit);
      List<Call> calls = new ArrayList<>();
      for (Row row :
          Rows.list(
              c,
              Row.class,
              "SELECT e.node_id AS \"nodeId\", n.hostname AS \"hostname\","
                  + " e.at AS \"at\", e.after_json AS \"body\""
                  + where
                  + " ORDER BY e.at DESC, e.event_id LIMIT ?",
              args.toArray())) {
        calls.add(call(row));
      }
      return new Answer(
          devices.stream().mapToLong(Device::blocked).sum(),
          devices.stream().mapToLong(Device::audited).sum(),
          devices,
          calls);
    }
  }

  /** An agent's malformed body still counts: its fields are null. */
  private static Call call(Row row) {
    JsonNode b = row.body();
    return new Call(
        row.nodeId(),
        row.hostname(),
        row.at(),
        text(b, "client"),
        text(b, "server"),
        text(b, "tool"),
        text(b, "project"),
        text(b, "decision"),
        text(b, "reason"),
        text(b, "osUser"));
  }

  private static String text(JsonNode body, String field) {
    return body == null || !body.path(field).isTextual() ? null : body.get(field).asText();
  }
}
