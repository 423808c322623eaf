package dev.daylight.collector.fleet;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's lists, each paged by keyset ({@link Cursor}) with filters built only from the
 * conditions asked for, so every query has a plan that stops after one page.
 */
final class Listings {
  private static final String SEVERITY_RANK =
      "CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1"
          + " WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END";

  private final Database db;

  Listings(Database db) {
    this.db = db;
  }

  /** A WHERE clause under construction with its arguments. */
  private static final class Where {
    final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    final List<Object> args = new ArrayList<>();

    Where and(String condition, Object... values) {
      sql.append(" AND ").append(condition);
      args.addAll(List.of(values));
      return this;
    }
  }

  DeviceAnswers.DeviceList devices(Map<String, String> f, String cursor, int limit)
      throws SQLException {
    Where w = new Where();
    String q = f.get("q");
    if (present(q)) {
      // Host name and owner as one lower-cased text, the text migration 14 indexes by trigrams:
      // PostgreSQL's trigram index serves this LIKE as written; on SQLite the full-text table does.
      w.and(
          db.dialect() == Database.Dialect.SQLITE
              ? "n.node_id IN (SELECT node_id FROM nodes_search WHERE text LIKE ?)"
              : "LOWER(COALESCE(n.hostname, '') || ' ' || COALESCE(n.owner, '')) LIKE ?",
          like(q));
    }
    if (present(f.get("os"))) {
      w.and("LOWER(n.os) = ?", f.get("os").toLowerCase(Locale.ROOT));
    }
    if (present(f.get("owner"))) {
      w.and("LOWER(COALESCE(n.owner, '')) LIKE ?", like(f.get("owner")));
    }
    if (present(f.get("severity"))) {
      w.and(
          "EXISTS (SELECT 1 FROM findings s WHERE s.node_id = n.node_id AND s.status = 'open' AND s.severity = ?)",
          f.get("severity"));
    }
    if (present(f.get("seenBefore"))) {
      // seen_day (migration 14) is indexed: it finds the few quiet devices without reading all.
      long before = number(f.get("seenBefore"), "seenBefore");
      w.and("n.seen_day <= ? AND n.last_seen < ?", before / 86_400_000L, before);
    }
    if (present(f.get("seenAfter"))) {
      w.and("n.last_seen >= ?", number(f.get("seenAfter"), "seenAfter"));
    }
    List<Object> after = Cursor.decode(cursor, String.class, String.class);
    if (after != null) {
      // A row value, which both engines turn into one range scan of nodes_by_hostname.
      w.and("(COALESCE(n.hostname, ''), n.node_id) > (?, ?)", after.get(0), after.get(1));
    }
    w.args.add(limit + 1);
    // A text search, or devices gone quiet, match few devices: filtering them first (a materialized
    // CTE is a fence in both engines) and sorting what matched beats walking the hostname index
    // through the whole fleet, which PostgreSQL's planner picks for conditions it cannot estimate.
    boolean few = present(q) || present(f.get("owner")) || present(f.get("seenBefore"));
    String from =
        few
            ? "WITH m AS MATERIALIZED (SELECT n.node_id FROM nodes n"
                + w.sql
                + ")"
                + " SELECT {columns} FROM nodes n JOIN m ON m.node_id = n.node_id"
            : "SELECT {columns} FROM nodes n" + w.sql;
    try (Connection c = db.read()) {
      var page =
          Cursor.page(
              Rows.list(
                  c,
                  DeviceAnswers.DeviceRow.class,
                  from.replace(
                          "{columns}",
                          "n.node_id AS \"nodeId\", n.hostname AS \"hostname\", n.owner AS \"owner\", n.os AS \"os\","
                              + " n.os_version AS \"osVersion\", n.arch AS \"arch\", n.serial AS \"serial\","
                              + " n.enrolled_at AS \"enrolledAt\", n.last_seen AS \"lastSeen\","
                              + " (SELECT COUNT(*) FROM findings o WHERE o.node_id = n.node_id AND o.status = 'open') AS \"openFindings\","
                              + " (SELECT MIN("
                              + SEVERITY_RANK.replace("f.", "o.")
                              + ") FROM findings o WHERE o.node_id = n.node_id"
                              + " AND o.status = 'open') AS \"worst\"")
                      + " ORDER BY COALESCE(n.hostname, ''), n.node_id LIMIT ?",
                  w.args.toArray()),
              limit,
              d -> List.of(d.hostname() == null ? "" : d.hostname(), d.nodeId()));
      return new DeviceAnswers.DeviceList(page.rows(), page.next());
    }
  }

  /** Findings worst first (critical, high, medium, low, info), then the most recently seen. */
  DeviceAnswers.FindingList findings(Map<String, String> f, String cursor, int limit)
      throws SQLException {
    Where w = new Where().and("f.status = ?", f.getOrDefault("status", "open"));
    int rank = -1;
    if (present(f.get("severity"))) {
      // The rank is what findings_worst_first is ordered by, so the index scan starts at the
      // severity instead of reading every worse finding first. For the four named severities the
      // rank says it all, and with one rank the order leaves it out: SQLite took a second
      // equality on severity to findings_status, and a constant in ORDER BY to a sort, each time
      // sorting every "high" finding (101-141 ms over 300,000 findings).
      rank = List.of("critical", "high", "medium", "low").indexOf(f.get("severity"));
      w.and(SEVERITY_RANK + " = ?", rank(f.get("severity")));
    }
    for (var e :
        Map.of("severity", "f.severity", "rule", "f.rule", "node", "f.node_id").entrySet()) {
      if (present(f.get(e.getKey())) && !(e.getKey().equals("severity") && rank >= 0)) {
        w.and(e.getValue() + " = ?", f.get(e.getKey()));
      }
    }
    if (present(f.get("purl"))) {
      // A finding's purl carries its version (pkg:npm/x@1.0.16): a base purl matches every version.
      String base = f.get("purl").trim();
      w.and("(f.purl = ? OR SUBSTR(f.purl, 1, ?) = ?)", base, base.length() + 1, base + "@");
    }
    List<Object> after = Cursor.decode(cursor, Long.class, Long.class, String.class, String.class);
    if (after != null) {
      w.and(
          "("
              + SEVERITY_RANK
              + " > ? OR ("
              + SEVERITY_RANK
              + " = ? AND (f.last_seen < ? OR (f.last_seen = ?"
              + " AND (f.node_id > ? OR (f.node_id = ? AND f.finding_id > ?))))))",
          after.get(0),
          after.get(0),
          after.get(1),
          after.get(1),
          after.get(2),
          after.get(2),
          after.get(3));
    }
    w.args.add(limit + 1);
    try (Connection c = db.read()) {
      var page =
          Cursor.page(
              Rows.list(
                  c,
                  DeviceAnswers.FindingRow.class,
                  FleetQueries.FINDING_COLUMNS
                      + " FROM findings f JOIN nodes n ON n.node_id = f.node_id"
                      + w.sql
                      + " ORDER BY "
                      + (present(f.get("severity")) ? "" : SEVERITY_RANK + ", ")
                      + "f.last_seen DESC, f.node_id, f.finding_id LIMIT ?",
                  w.args.toArray()),
              limit,
              r -> List.of(rank(r.severity()), r.lastSeen().toEpochMilli(), r.nodeId(), r.id()));
      return new DeviceAnswers.FindingList(page.rows(), page.next());
    }
  }

  /** What {@link #SEVERITY_RANK} says of a severity: the findings list's first sort key. */
  private static long rank(String severity) {
    int i = List.of("critical", "high", "medium", "low").indexOf(severity);
    return i < 0 ? 4 : i;
  }

  static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  static String like(String q) {
    return "%" + q.trim().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
  }

  private static long number(String v, String name) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be epoch milliseconds");
    }
  }
}
