package dev.daylight.collector.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * @param node one device, or null for the fleet
   * @param decision {@code deny}, {@code audit}, or null for both
   * @param sinceMillis calls at or after this time
   */
  public Map<String, Object> query(String node, String decision, long sinceMillis, int limit)
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
      Map<String, Object> out = new LinkedHashMap<>();
      List<Map<String, Object>> devices =
          Rows.query(
              c,
              "SELECT e.node_id AS \"nodeId\", n.hostname AS \"hostname\","
                  + " SUM(CASE WHEN e.summary LIKE 'deny:%' THEN 1 ELSE 0 END) AS \"blocked\","
                  + " SUM(CASE WHEN e.summary LIKE 'audit:%' THEN 1 ELSE 0 END) AS \"audited\","
                  + " MAX(e.at) AS \"lastSeen\""
                  + where
                  + " GROUP BY e.node_id, n.hostname ORDER BY MAX(e.at) DESC",
              args.toArray());
      long blocked = 0;
      long audited = 0;
      for (Map<String, Object> d : devices) {
        blocked += ((Number) d.get("blocked")).longValue();
        audited += ((Number) d.get("audited")).longValue();
      }
      out.put("blocked", blocked);
      out.put("audited", audited);
      out.put("devices", devices);
      args.add(limit);
      List<Map<String, Object>> calls = new ArrayList<>();
      for (Map<String, Object> row :
          Rows.query(
              c,
              "SELECT e.node_id AS \"nodeId\", n.hostname AS \"hostname\","
                  + " e.at AS \"at\", e.after_json AS \"body\""
                  + where
                  + " ORDER BY e.at DESC, e.event_id LIMIT ?",
              args.toArray())) {
        calls.add(call(row));
      }
      out.put("calls", calls);
      return out;
    }
  }

  private static Map<String, Object> call(Map<String, Object> row) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("nodeId", row.get("nodeId"));
    call.put("hostname", row.get("hostname"));
    call.put("at", row.get("at"));
    JsonNode body;
    try {
      body = row.get("body") == null ? null : Json.mapper().readTree((String) row.get("body"));
    } catch (IOException e) {
      body = null; // an agent's malformed body: the row still counts
    }
    for (String f :
        List.of("client", "server", "tool", "project", "decision", "reason", "osUser")) {
      call.put(f, body == null || !body.path(f).isTextual() ? null : body.get(f).asText());
    }
    return call;
  }
}
