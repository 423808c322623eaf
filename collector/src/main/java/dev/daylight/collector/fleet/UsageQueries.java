package dev.daylight.collector.fleet;

import dev.daylight.collector.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

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

  private record Day(
      String node, String client, String server, String day, long calls, long last) {}

  /** The per-day counts of some devices' servers, by node, client and server. */
  static final class Ledger {
    private final Map<List<String>, List<Day>> days;
    private final String windowStart;

    private Ledger(Map<List<String>, List<Day>> days, long now) {
      this.days = days;
      this.windowStart = day(now - WINDOW_DAYS * 86_400_000L);
    }

    /** A server's usage, or null for a row that names no client or server (a package on disk). */
    FleetAnswers.Usage of(String node, String client, String server, Instant firstSeen) {
      if (node == null || client == null || server == null) {
        return null;
      }
      String since = firstSeen == null ? "0000-00-00" : day(firstSeen.toEpochMilli());
      long sinceVersion = 0;
      long recent = 0;
      Long last = null;
      for (Day d : days.getOrDefault(List.of(node, client, server), List.of())) {
        sinceVersion += d.day().compareTo(since) >= 0 ? d.calls() : 0;
        recent += d.day().compareTo(windowStart) >= 0 ? d.calls() : 0;
        last = last == null || d.last() > last ? d.last() : last;
      }
      return new FleetAnswers.Usage(
          sinceVersion, recent, last == null ? null : Instant.ofEpochMilli(last));
    }
  }

  /** The ledger of the given devices (null ids are skipped). */
  static Ledger ledger(Connection c, Collection<String> nodeIds, long now) throws SQLException {
    List<String> nodes = new ArrayList<>(new LinkedHashSet<>(nodeIds));
    nodes.remove(null);
    // Keyed by the three names, not joined with a separator a server name may hold.
    Map<List<String>, List<Day>> out = new HashMap<>();
    for (int from = 0; from < nodes.size(); from += CHUNK) {
      List<String> chunk = nodes.subList(from, Math.min(nodes.size(), from + CHUNK));
      String sql =
          "SELECT node_id AS \"node\", client AS \"client\", server AS \"server\", day AS \"day\","
              + " SUM(calls) AS \"calls\", MAX(last_call) AS \"last\" FROM usage_days WHERE node_id IN ("
              + "?,".repeat(chunk.size() - 1)
              + "?) GROUP BY node_id, client, server, day";
      for (Day d : Rows.list(c, Day.class, sql, chunk.toArray())) {
        out.computeIfAbsent(List.of(d.node(), d.client(), d.server()), k -> new ArrayList<>())
            .add(d);
      }
    }
    return new Ledger(out, now);
  }

  /** A device's calls of the last 30 days per client, server and tool. */
  static List<DeviceAnswers.ToolUsage> tools(Connection c, String nodeId, long now)
      throws SQLException {
    return Rows.list(
        c,
        DeviceAnswers.ToolUsage.class,
        "SELECT client AS \"client\", server AS \"server\", tool AS \"tool\","
            + " SUM(calls) AS \"calls\", SUM(errors) AS \"errors\", MAX(last_call) AS \"lastCall\""
            + " FROM usage_days WHERE node_id = ? AND day >= ? GROUP BY client, server, tool"
            + " ORDER BY client, server, tool",
        nodeId,
        day(now - WINDOW_DAYS * 86_400_000L));
  }

  private static String day(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC).toString();
  }
}
