package dev.daylight.collector.policy;

import dev.daylight.collector.fleet.Cursor;
import dev.daylight.collector.fleet.FleetAnswers;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The policy page's read side: decisions in force, and every edit newest first, paged. */
final class PolicyHistory {
  private PolicyHistory() {}

  /** An edit and its place in the order edits were written. */
  private record Audit(PolicyViews.Change change, long seq) {}

  /** Every decision in force, and the history of edits newest first, paged by {@code cursor}. */
  static PolicyViews.PolicyList list(Database db, String cursor, int limit) throws SQLException {
    List<Object> after = Cursor.decode(cursor, Long.class, Long.class, String.class);
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
      var page =
          Cursor.page(
              Rows.list(
                  c,
                  Audit.class,
                  "SELECT audit_id AS \"id\", subject AS \"subject\", version AS \"version\", decision AS \"decision\","
                      + " decided_by AS \"by\", reason AS \"reason\", decided_at AS \"decidedAt\","
                      + " overrides AS \"overrides\", COALESCE(seq, 0) AS \"seq\" FROM policy_audit"
                      + keyset
                      + " ORDER BY decided_at DESC, COALESCE(seq, 0) DESC, audit_id LIMIT ?",
                  args.toArray()),
              limit,
              a ->
                  List.of(
                      a.change().decision().decidedAt().toEpochMilli(), a.seq(), a.change().id()));
      return new PolicyViews.PolicyList(
          Rows.list(
              c,
              FleetAnswers.Decision.class,
              "SELECT subject AS \"subject\", version AS \"version\", decision AS \"decision\","
                  + " decided_by AS \"by\", reason AS \"reason\", decided_at AS \"decidedAt\","
                  + " overrides AS \"overrides\" FROM policy_entries ORDER BY subject, version"),
          page.rows().stream().map(Audit::change).toList(),
          page.next());
    }
  }
}
