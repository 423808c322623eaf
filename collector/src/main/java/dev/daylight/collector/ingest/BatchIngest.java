package dev.daylight.collector.ingest;

import dev.daylight.collector.ingest.ReportIngest.Outcome;
import dev.daylight.collector.store.MultiRow;
import dev.daylight.collector.store.Statements;
import dev.daylight.collector.store.WriteQueue;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a writer's batch of reports with a few statements per table instead of several per
 * report. Reports come in submission order per node; each report's writes are exactly those the
 * one-at-a-time path made: the report row first (a report id already stored makes the whole report
 * a duplicate), then its events, then its changes to the latest view, in order.
 */
final class BatchIngest implements WriteQueue.Group<ReportRows, Outcome> {
  private static final MultiRow REPORTS =
      new MultiRow(
          "INSERT INTO reports (report_id, node_id, kind, schema_version, created_at, received_at, event_count) VALUES ",
          "(?,?,?,?,?,?,?)",
          " ON CONFLICT (node_id, report_id) DO NOTHING RETURNING node_id || '/' || report_id");
  private static final MultiRow EVENTS =
      new MultiRow(
          "INSERT INTO events (node_id, event_id, report_id, type, at, server_id, purl, finding_id, summary,"
              + " before_json, after_json) VALUES ",
          "(?,?,?,?,?,?,?,?,?,?,?)",
          " ON CONFLICT (node_id, event_id) DO NOTHING");

  /**
   * A device's usage counts per day: each report carries whole days, so a row is replaced; a report
   * that arrives late (a retry) does not replace a newer count of the same day.
   */
  private static final MultiRow USAGE =
      new MultiRow(
          "INSERT INTO usage_days (node_id, day, client, server, tool, calls, errors, last_call) VALUES ",
          "(?,?,?,?,?,?,?,?)",
          " ON CONFLICT (node_id, client, server, day, tool) DO UPDATE SET"
              + " calls = CASE WHEN COALESCE(excluded.last_call, 0) >= COALESCE(usage_days.last_call, 0)"
              + " THEN excluded.calls ELSE usage_days.calls END,"
              + " errors = CASE WHEN COALESCE(excluded.last_call, 0) >= COALESCE(usage_days.last_call, 0)"
              + " THEN excluded.errors ELSE usage_days.errors END,"
              + " last_call = CASE WHEN COALESCE(excluded.last_call, 0) >= COALESCE(usage_days.last_call, 0)"
              + " THEN excluded.last_call ELSE usage_days.last_call END");

  private static final String DELETE_SERVER =
      "DELETE FROM device_servers WHERE node_id = ? AND server_id = ?";
  private static final String SET_VERSION =
      "UPDATE device_servers SET version = ?, first_seen = ?, last_seen = ?"
          + " WHERE node_id = ? AND server_id = ?";
  private static final String RESOLVE_FINDING =
      "UPDATE findings SET status = 'resolved', resolved_at = ?"
          + " WHERE node_id = ? AND finding_id = ? AND status = 'open'";
  private static final int SEEN_CHUNK = 64;

  @Override
  public List<Outcome> applyAll(Connection c, List<ReportRows> batch) throws SQLException {
    List<Object[]> reportRows = new ArrayList<>(batch.size());
    batch.forEach(r -> reportRows.add(r.report()));
    Set<String> fresh = new HashSet<>(REPORTS.returning(c, reportRows));
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    List<ReportRows> stored = new ArrayList<>(batch.size());
    for (ReportRows r : batch) {
      // The first of two equal ids in one batch is the one stored. Ids are unique per node.
      boolean isNew = fresh.remove(r.node() + "/" + r.reportId());
      outcomes.add(isNew ? Outcome.STORED : Outcome.DUPLICATE);
      if (isNew) {
        stored.add(r);
      }
    }
    List<Object[]> events = new ArrayList<>();
    stored.forEach(r -> events.addAll(r.events()));
    EVENTS.execute(c, events, null);
    List<Object[]> usage = new ArrayList<>();
    stored.forEach(r -> usage.addAll(r.usage()));
    USAGE.execute(c, usage, v -> v[0] + "|" + v[2] + "|" + v[3] + "|" + v[1] + "|" + v[4]);

    List<ReportRows> deltas = new ArrayList<>();
    Map<String, Object[]> seen = new LinkedHashMap<>();
    for (ReportRows r : stored) {
      if (r.inventory() != null) {
        applyDeltas(c, deltas);
        deltas.clear();
        applySnapshot(c, r);
      } else {
        deltas.add(r);
      }
      seen.put(r.node(), r.seen());
    }
    applyDeltas(c, deltas);
    markSeen(c, seen.values());
    return outcomes;
  }

  /**
   * One UPDATE per schema version for all nodes of the batch instead of one per node: the batch's
   * reports arrived within milliseconds, so each node's last-seen is the latest of them.
   */
  private static void markSeen(Connection c, java.util.Collection<Object[]> seen)
      throws SQLException {
    Map<Integer, List<String>> bySchema = new java.util.TreeMap<>();
    long latest = 0;
    for (Object[] v : seen) {
      latest = Math.max(latest, (Long) v[0]);
      bySchema.computeIfAbsent((Integer) v[1], k -> new ArrayList<>()).add((String) v[2]);
    }
    for (Map.Entry<Integer, List<String>> e : bySchema.entrySet()) {
      List<String> nodes = e.getValue();
      for (int from = 0; from < nodes.size(); from += SEEN_CHUNK) {
        List<String> chunk = nodes.subList(from, Math.min(nodes.size(), from + SEEN_CHUNK));
        PreparedStatement ps =
            Statements.prepare(
                c,
                "UPDATE nodes SET last_seen = ?, schema_version = ?"
                    + " WHERE node_id IN ("
                    + "?,".repeat(chunk.size() - 1)
                    + "?)");
        ps.setLong(1, latest);
        ps.setInt(2, e.getKey());
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(3 + i, chunk.get(i));
        }
        ps.executeUpdate();
      }
    }
  }

  /** A full inventory replaces the device's latest view, unless a newer one is already stored. */
  private static void applySnapshot(Connection c, ReportRows r) throws SQLException {
    Inventory inv = r.inventory();
    PreparedStatement ps =
        Statements.prepare(
            c,
            "UPDATE nodes SET inventory_at = ? WHERE node_id = ? AND (inventory_at IS NULL OR inventory_at <= ?)");
    ps.setLong(1, r.createdAt());
    ps.setString(2, r.node());
    ps.setLong(3, r.createdAt());
    if (ps.executeUpdate() == 1) {
      List<McpServer> servers = ServerClasses.withPackageClasses(inv.servers(), inv.packages());
      LatestView.upsertServers(c, r.node(), servers, r.createdAt(), r.reportId());
      LatestView.upsertPackages(c, r.node(), inv.packages(), r.createdAt(), r.reportId());
      LatestView.upsertFindings(c, r.node(), inv.findings(), r.createdAt(), r.reportId());
      LatestView.retireUnseen(c, r.node(), r.reportId(), r.createdAt());
      ServerClasses.replaceNode(c, r.node(), servers);
      HostFacts.update(c, r.node(), inv.host());
    }
  }

  /**
   * The two tables deltas touch are independent, so each gets its operations in report order,
   * grouped into runs of one kind: a run of upserts is one multi-row statement (split where a row
   * repeats), a run of deletes or updates one JDBC batch.
   */
  private static void applyDeltas(Connection c, List<ReportRows> deltas) throws SQLException {
    if (deltas.isEmpty()) {
      return;
    }
    List<Keyed> servers = new ArrayList<>();
    List<Keyed> findings = new ArrayList<>();
    for (ReportRows r : deltas) {
      for (ReportRows.Op op : r.ops()) {
        if (op instanceof ReportRows.ServerUpsert u) {
          servers.add(new Keyed(Kind.UPSERT, u.row()));
        } else if (op instanceof ReportRows.ServerDelete d) {
          servers.add(new Keyed(Kind.DELETE, new Object[] {r.node(), d.serverId()}));
        } else if (op instanceof ReportRows.VersionSet v) {
          servers.add(
              new Keyed(
                  Kind.UPDATE, new Object[] {v.version(), v.at(), v.at(), r.node(), v.serverId()}));
        } else if (op instanceof ReportRows.FindingUpsert u) {
          findings.add(new Keyed(Kind.UPSERT, u.row()));
        } else if (op instanceof ReportRows.FindingResolve f) {
          findings.add(new Keyed(Kind.UPDATE, new Object[] {f.at(), r.node(), f.findingId()}));
        }
      }
    }
    runs(c, servers, LatestView.SERVERS, DELETE_SERVER, SET_VERSION);
    runs(c, findings, LatestView.FINDINGS, null, RESOLVE_FINDING);
    classes(c, deltas);
  }

  /** Class rows follow the deltas' server changes, in order (the last change of a server wins). */
  private static void classes(Connection c, List<ReportRows> deltas) throws SQLException {
    List<ServerClasses.Change> changes = new ArrayList<>();
    for (ReportRows r : deltas) {
      for (ReportRows.Op op : r.ops()) {
        if (op instanceof ReportRows.ServerUpsert u) {
          changes.add(new ServerClasses.Change(r.node(), u.server().id(), u.server()));
        } else if (op instanceof ReportRows.ServerDelete d) {
          changes.add(new ServerClasses.Change(r.node(), d.serverId(), null));
        }
      }
    }
    ServerClasses.replaceServers(c, changes);
  }

  private enum Kind {
    UPSERT,
    DELETE,
    UPDATE
  }

  private record Keyed(Kind kind, Object[] values) {}

  private static void runs(
      Connection c, List<Keyed> ops, MultiRow upsert, String delete, String update)
      throws SQLException {
    int i = 0;
    while (i < ops.size()) {
      Kind kind = ops.get(i).kind();
      List<Object[]> run = new ArrayList<>();
      for (; i < ops.size() && ops.get(i).kind() == kind; i++) {
        run.add(ops.get(i).values());
      }
      switch (kind) {
        case UPSERT -> upsert.execute(c, run, v -> v[0] + "\n" + v[1]);
        case DELETE -> batch(c, delete, run);
        case UPDATE -> batch(c, update, run);
      }
    }
  }

  private static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    PreparedStatement ps = Statements.prepare(c, sql);
    for (Object[] r : rows) {
      for (int k = 0; k < r.length; k++) {
        if (r[k] instanceof Long l) {
          ps.setLong(k + 1, l);
        } else {
          ps.setString(k + 1, (String) r[k]);
        }
      }
      ps.addBatch();
    }
    ps.executeBatch();
  }
}
