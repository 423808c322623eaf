package dev.daylight.agent.store;

import dev.daylight.identity.Purls;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PolicyEntry;
import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.Severity;
import java.sql.Connection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read side of the store, as the CLI, the exports and the tray app see it. */
final class Reads {
  private Reads() {}

  static Optional<Inventory> latest(Connection c) {
    return Sql.one(
        c,
        "SELECT s.scan_id, s.started_at, s.finished_at, s.same_as IS NULL,"
            + " CASE WHEN s.same_as IS NULL THEN s.inventory ELSE t.inventory END"
            + " FROM scans s LEFT JOIN scans t ON t.seq = s.same_as ORDER BY s.seq DESC LIMIT 1",
        rs -> {
          Inventory content = Sql.read(rs.getString(5), Inventory.class);
          return rs.getBoolean(4)
              ? content
              : Snapshots.as(
                  content,
                  rs.getString(1),
                  Sql.instant(rs.getString(2)),
                  Sql.instant(rs.getString(3)));
        });
  }

  /**
   * The latest inventory with its findings as they stand now. A review or a policy pull may have
   * resolved or opened findings since that scan, and the collector takes the inventory a report
   * carries as the device's truth: a delta sent with the scan's own list would reopen them there.
   */
  static Optional<Inventory> current(Connection c) {
    return latest(c)
        .map(
            inv -> {
              Map<String, Finding> standing = new java.util.LinkedHashMap<>();
              for (Finding f :
                  Sql.list(
                      c,
                      "SELECT body FROM findings WHERE status <> 'resolved' ORDER BY first_seen, finding_id",
                      rs -> Sql.read(rs.getString(1), Finding.class))) {
                standing.put(f.id(), f);
              }
              List<Finding> now = new java.util.ArrayList<>();
              for (Finding f : inv.findings()) {
                if (standing.remove(f.id()) != null) {
                  now.add(f);
                }
              }
              now.addAll(standing.values());
              return now.equals(inv.findings()) ? inv : inv.withFindings(now);
            });
  }

  static Optional<StoreStatus.ScanSummary> lastScan(Connection c) {
    return Sql.one(
        c,
        "SELECT scan_id, started_at, finished_at, stored_at FROM scans ORDER BY seq DESC LIMIT 1",
        rs ->
            new StoreStatus.ScanSummary(
                rs.getString(1),
                Sql.instant(rs.getString(2)),
                Sql.instant(rs.getString(3)),
                Sql.instant(rs.getString(4))));
  }

  static List<StoredFinding> findings(Connection c, boolean openOnly) {
    return Sql.list(
        c,
        "SELECT body, status, first_seen, last_seen, resolved_at, acknowledged_at, note FROM findings"
            + (openOnly ? " WHERE status = 'open'" : "")
            + " ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2"
            + " WHEN 'low' THEN 3 ELSE 4 END, first_seen, finding_id",
        rs ->
            new StoredFinding(
                Sql.read(rs.getString(1), Finding.class),
                FindingBook.status(rs.getString(2)),
                Sql.instant(rs.getString(3)),
                Sql.instant(rs.getString(4)),
                Optional.ofNullable(Sql.instant(rs.getString(5))),
                Optional.ofNullable(Sql.instant(rs.getString(6))),
                Optional.ofNullable(rs.getString(7))));
  }

  static List<ServerView> servers(Connection c) {
    Map<String, Severity> worst = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Object[] row :
        Sql.list(
            c,
            "SELECT server_id, severity FROM findings WHERE status = 'open' AND server_id IS NOT NULL",
            rs -> new Object[] {rs.getString(1), Severity.parse(rs.getString(2))})) {
      String id = (String) row[0];
      Severity s = (Severity) row[1];
      worst.merge(id, s, (a, b) -> a.atLeast(b) ? a : b);
      counts.merge(id, 1, Integer::sum);
    }
    Reviews reviews = new Reviews(c);
    return Sql.list(
        c,
        "SELECT body, first_seen, last_seen, removed_at FROM servers"
            + " ORDER BY removed_at IS NOT NULL, client, name",
        rs -> {
          McpServer s = Sql.read(rs.getString(1), McpServer.class);
          Optional<ReviewState> trust =
              s.pkg() == null || s.pkg().version() == null
                  ? Optional.empty()
                  : reviews.local(Purls.base(s.pkg().purl()), s.pkg().version());
          String removed = rs.getString(4);
          return new ServerView(
              s,
              removed == null,
              Sql.instant(rs.getString(2)),
              Sql.instant(rs.getString(3)),
              Optional.ofNullable(Sql.instant(removed)),
              Optional.ofNullable(worst.get(s.id())),
              counts.getOrDefault(s.id(), 0),
              trust);
        });
  }

  static Map<Severity, Integer> openBySeverity(Connection c) {
    Map<Severity, Integer> out = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      out.put(s, 0);
    }
    for (Object[] row :
        Sql.list(
            c,
            "SELECT severity, COUNT(*) FROM findings WHERE status = 'open' GROUP BY severity",
            rs -> new Object[] {Severity.parse(rs.getString(1)), rs.getInt(2)})) {
      out.put((Severity) row[0], (Integer) row[1]);
    }
    return out;
  }

  static int activeServers(Connection c) {
    return Sql.one(c, "SELECT COUNT(*) FROM servers WHERE removed_at IS NULL", rs -> rs.getInt(1))
        .orElse(0);
  }

  static List<PolicyEntry> policy(Connection c) {
    return Sql.list(
        c,
        "SELECT subject, version, decision, decided_by, reason, decided_at FROM policy ORDER BY subject, version",
        rs ->
            new PolicyEntry(
                rs.getString(1),
                rs.getString(2).isEmpty() ? null : rs.getString(2),
                ReviewState.parse(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                Sql.instant(rs.getString(6))));
  }
}
