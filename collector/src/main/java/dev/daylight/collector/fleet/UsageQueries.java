package dev.daylight.collector.fleet;

import dev.daylight.collector.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the usage ledger's per-day counts answer about device servers: calls since the server's
 * current version appeared ({@code first_seen} of the server row, which restarts when the version
 * changes; counted from that UTC day on), the last call, and the calls of the last 30 days (0 = the
 * server sits idle, a cheap one to remove).
 */
final class UsageQueries {
  static final int WINDOW_DAYS = 30;
  private static final int CHUNK = 500;

  private UsageQueries() {}

  /**
   * Adds {@code callsSinceVersion}, {@code lastCall} (epoch ms, null when never called) and {@code
   * calls30d} to each row that names a node ({@code nodeId}), client and server ({@code serverName}
   * or {@code name}) and has a {@code firstSeen}.
   */
  static void decorate(Connection c, List<Map<String, Object>> rows, long now) throws SQLException {
    Set<String> nodes = new HashSet<>();
    for (Map<String, Object> r : rows) {
      if (r.get("nodeId") != null && r.get("client") != null) {
        nodes.add(r.get("nodeId").toString());
      }
    }
    Map<String, List<Object[]>> days = byServer(c, new ArrayList<>(nodes));
    String windowStart = day(now - WINDOW_DAYS * 86_400_000L);
    for (Map<String, Object> r : rows) {
      Object node = r.get("nodeId");
      Object server = r.get("serverName") != null ? r.get("serverName") : r.get("name");
      if (node == null || r.get("client") == null || server == null) {
        continue;
      }
      // firstSeen is an ISO-8601 UTC instant here: its first ten characters are its UTC day.
      Object seen = r.get("firstSeen");
      String since =
          seen instanceof Number n
              ? day(n.longValue())
              : seen != null && seen.toString().length() >= 10
                  ? seen.toString().substring(0, 10)
                  : "0000-00-00";
      long sinceVersion = 0;
      long recent = 0;
      Long last = null;
      for (Object[] d : days.getOrDefault(node + "|" + r.get("client") + "|" + server, List.of())) {
        String day = (String) d[0];
        long calls = (Long) d[1];
        sinceVersion += day.compareTo(since) >= 0 ? calls : 0;
        recent += day.compareTo(windowStart) >= 0 ? calls : 0;
        last = last == null || (Long) d[2] > last ? (Long) d[2] : last;
      }
      r.put("callsSinceVersion", sinceVersion);
      r.put("calls30d", recent);
      r.put("lastCall", last == null ? null : Instant.ofEpochMilli(last).toString());
    }
  }

  /** A device's calls of the last 30 days per client, server and tool. */
  static List<Map<String, Object>> tools(Connection c, String nodeId, long now)
      throws SQLException {
    List<Map<String, Object>> rows =
        Rows.query(
            c,
            "SELECT client AS \"client\", server AS \"server\", tool AS \"tool\","
                + " SUM(calls) AS \"calls\", SUM(errors) AS \"errors\", MAX(last_call) AS \"lastCall\""
                + " FROM usage_days WHERE node_id = ? AND day >= ? GROUP BY client, server, tool"
                + " ORDER BY client, server, tool",
            nodeId,
            day(now - WINDOW_DAYS * 86_400_000L));
    for (Map<String, Object> r : rows) {
      if (r.get("lastCall") instanceof Number n) {
        r.put("lastCall", Instant.ofEpochMilli(n.longValue()).toString());
      }
    }
    return rows;
  }

  private static Map<String, List<Object[]>> byServer(Connection c, List<String> nodes)
      throws SQLException {
    Map<String, List<Object[]>> out = new HashMap<>();
    for (int from = 0; from < nodes.size(); from += CHUNK) {
      List<String> chunk = nodes.subList(from, Math.min(nodes.size(), from + CHUNK));
      String sql =
          "SELECT node_id AS \"node\", client AS \"client\", server AS \"server\", day AS \"day\","
              + " SUM(calls) AS \"calls\", MAX(last_call) AS \"last\" FROM usage_days WHERE node_id IN ("
              + "?,".repeat(chunk.size() - 1)
              + "?) GROUP BY node_id, client, server, day";
      for (Map<String, Object> row : Rows.query(c, sql, chunk.toArray())) {
        out.computeIfAbsent(
                row.get("node") + "|" + row.get("client") + "|" + row.get("server"),
                k -> new ArrayList<>())
            .add(
                new Object[] {
                  row.get("day").toString(),
                  ((Number) row.get("calls")).longValue(),
                  ((Number) row.get("last")).longValue()
                });
      }
    }
    return out;
  }

  private static String day(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC).toString();
  }
}
