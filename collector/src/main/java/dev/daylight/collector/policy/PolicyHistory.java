package dev.daylight.collector.policy;

import dev.daylight.collector.fleet.Cursor;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The policy page's read side: decisions in force, and every edit newest first, paged. */
final class PolicyHistory {
  private PolicyHistory() {}

  /** Every decision in force, and the history of edits newest first, paged by {@code cursor}. */
  static Map<String, Object> list(Database db, String cursor, int limit) throws SQLException {
    List<Object> after = Cursor.decode(cursor, 3);
    List<Object> args = new ArrayList<>();
    String keyset = "";
    if (after != null) {
      keyset =
          " WHERE decided_at < ? OR (decided_at = ? AND (COALESCE(seq, 0) < ?"
              + " OR (COALESCE(seq, 0) = ? AND audit_id > ?)))";
      args.addAll(List.of(after.get(0), after.get(0), after.get(1), after.get(1), after.get(2)));
    }
    args.add(limit + 1);
    try (Connection c = db.read()) {
      List<Map<String, Object>> history =
          Rows.query(
              c,
              "SELECT audit_id AS \"id\", subject AS \"subject\", version AS \"version\", decision AS \"decision\","
                  + " decided_by AS \"by\", reason AS \"reason\", decided_at AS \"decidedAt\","
                  + " overrides AS \"overrides\", decided_at AS \"k_at\", COALESCE(seq, 0) AS \"k_seq\" FROM policy_audit"
                  + keyset
                  + " ORDER BY decided_at DESC, COALESCE(seq, 0) DESC, audit_id LIMIT ?",
              args.toArray());
      String next = null;
      if (history.size() > limit) {
        history = new ArrayList<>(history.subList(0, limit));
        Map<String, Object> last = history.get(limit - 1);
        next = Cursor.encode(List.of(last.get("k_at"), last.get("k_seq"), last.get("id")));
      }
      history.forEach(r -> r.keySet().removeIf(k -> k.startsWith("k_")));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put(
          "entries",
          Rows.query(
              c,
              "SELECT subject AS \"subject\", version AS \"version\", decision AS \"decision\","
                  + " decided_by AS \"by\", reason AS \"reason\", decided_at AS \"decidedAt\","
                  + " overrides AS \"overrides\" FROM policy_entries ORDER BY subject, version"));
      out.put("history", history);
      out.put("next", next);
      return out;
    }
  }
}
