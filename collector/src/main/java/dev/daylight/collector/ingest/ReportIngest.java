package dev.daylight.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.store.WriteQueue;
import dev.daylight.collector.store.Statements;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Report;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one report exactly once. The report row is inserted first with ON CONFLICT DO NOTHING:
 * when it already exists, the whole report is a retry and nothing else is touched.
 */
public final class ReportIngest {
  private static final Logger log = LoggerFactory.getLogger(ReportIngest.class);
  private static final String INSERT_EVENT =
      "INSERT INTO events (node_id, event_id, report_id, type, at, server_id, purl, finding_id,"
          + " summary, before_json, after_json) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
          + " ON CONFLICT (node_id, event_id) DO NOTHING";

  /** {@code stored} the first time a report id arrives, {@code duplicate} after. */
  public enum Outcome {
    STORED,
    DUPLICATE
  }

  private final WriteQueue writes;

  public ReportIngest(WriteQueue writes) {
    this.writes = writes;
  }

  /** The report has been validated and its node authenticated by the caller. */
  public Outcome ingest(String nodeId, Report r, long now) throws SQLException {
    return writes.submit(nodeId, c -> apply(c, nodeId, r, now));
  }

  static Outcome apply(Connection c, String node, Report r, long now) throws SQLException {
    long created = r.createdAt() != null ? r.createdAt().toEpochMilli() : now;
    PreparedStatement ps = Statements.prepare(c,
        "INSERT INTO reports (report_id, node_id, kind, schema_version, created_at, received_at,"
            + " event_count) VALUES (?,?,?,?,?,?,?) ON CONFLICT (report_id) DO NOTHING");
    ps.setString(1, r.reportId());
    ps.setString(2, node);
    ps.setString(3, r.kind());
    ps.setInt(4, r.schemaVersion());
    ps.setLong(5, created);
    ps.setLong(6, now);
    ps.setInt(7, r.events().size());
    if (ps.executeUpdate() == 0) {
      return Outcome.DUPLICATE;
    }
    Inventory inv = r.inventory();
    if (inv != null && newerThanLatest(c, node, created)) {
      LatestView.upsertServers(c, node, inv.servers(), created, r.reportId());
      LatestView.upsertPackages(c, node, inv.packages(), created, r.reportId());
      LatestView.upsertFindings(c, node, inv.findings(), created, r.reportId());
      LatestView.retireUnseen(c, node, r.reportId(), created);
      HostFacts.update(c, node, inv.host());
    }
    insertEvents(c, node, r);
    if (inv == null) {
      for (ChangeEvent e : r.events()) {
        applyEvent(c, node, e, r.reportId());
      }
    }
    PreparedStatement seen = Statements.prepare(c,
        "UPDATE nodes SET last_seen = ?, schema_version = ? WHERE node_id = ?");
    seen.setLong(1, now);
    seen.setInt(2, r.schemaVersion());
    seen.setString(3, node);
    seen.executeUpdate();
    return Outcome.STORED;
  }

  /** Reports may arrive out of order after an outage: an older inventory never replaces a newer. */
  private static boolean newerThanLatest(Connection c, String node, long created) throws SQLException {
    PreparedStatement ps = Statements.prepare(c,
        "UPDATE nodes SET inventory_at = ? WHERE node_id = ? AND (inventory_at IS NULL OR inventory_at <= ?)");
    ps.setLong(1, created);
    ps.setString(2, node);
    ps.setLong(3, created);
    return ps.executeUpdate() == 1;
  }

  private static void insertEvents(Connection c, String node, Report r) throws SQLException {
    if (r.events().isEmpty()) {
      return;
    }
    PreparedStatement ps = Statements.prepare(c, INSERT_EVENT);
    for (ChangeEvent e : r.events()) {
      ps.setString(1, node);
      ps.setString(2, e.id());
      ps.setString(3, r.reportId());
      ps.setString(4, e.type());
      ps.setLong(5, e.at().toEpochMilli());
      ps.setString(6, e.serverId());
      ps.setString(7, e.purl());
      ps.setString(8, e.findingId());
      ps.setString(9, e.summary());
      ps.setString(10, e.before() == null ? null : e.before().toString());
      ps.setString(11, e.after() == null ? null : e.after().toString());
      ps.addBatch();
    }
    ps.executeBatch();
  }

  /** Deltas without an inventory keep the latest view current event by event. */
  private static void applyEvent(Connection c, String node, ChangeEvent e, String reportId)
      throws SQLException {
    long at = e.at().toEpochMilli();
    try {
      switch (e.type()) {
        case "server-added", "server-changed" -> {
          if (e.after() != null && e.after().isObject()) {
            McpServer s = Json.mapper().treeToValue(e.after(), McpServer.class);
            LatestView.upsertServers(c, node, List.of(s), at, reportId);
          }
        }
        case "server-removed" -> {
          String id = e.serverId() != null ? e.serverId() : text(e.before(), "id");
          if (id != null) {
            LatestView.exec(c, "DELETE FROM device_servers WHERE node_id = ? AND server_id = ?", node, id);
          }
        }
        case "package-version-changed" -> updateVersion(c, node, e, at);
        case "finding-opened" -> {
          if (e.after() != null && e.after().isObject()) {
            Finding f = Json.mapper().treeToValue(e.after(), Finding.class);
            LatestView.upsertFindings(c, node, List.of(f), at, reportId);
          }
        }
        case "finding-resolved" -> {
          String id = e.findingId() != null ? e.findingId() : text(e.before(), "id");
          if (id != null) {
            PreparedStatement ps = Statements.prepare(c,
                "UPDATE findings SET status = 'resolved', resolved_at = ?"
                    + " WHERE node_id = ? AND finding_id = ? AND status = 'open'");
            ps.setLong(1, at);
            ps.setString(2, node);
            ps.setString(3, id);
            ps.executeUpdate();
          }
        }
        default -> { }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException ex) {
      // The event stays in the timeline; only the latest view skips what it cannot read.
      log.atWarn().addKeyValue("node", node).addKeyValue("event", e.id())
          .addKeyValue("type", e.type()).log("event body not applied: {}", ex.getMessage());
    }
  }

  private static void updateVersion(Connection c, String node, ChangeEvent e, long at) throws SQLException {
    String version = text(e.after(), "version");
    if (e.serverId() == null || version == null) {
      return;
    }
    PreparedStatement ps = Statements.prepare(c,
        "UPDATE device_servers SET version = ?, first_seen = ?, last_seen = ?"
            + " WHERE node_id = ? AND server_id = ?");
    ps.setString(1, version);
    ps.setLong(2, at);
    ps.setLong(3, at);
    ps.setString(4, node);
    ps.setString(5, e.serverId());
    ps.executeUpdate();
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.hasNonNull(field)) {
      return null;
    }
    return node.get(field).asText();
  }

  /** True when the node has sent an inventory the collector stored. */
  public static boolean hasInventory(Connection c, String node) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT inventory_at FROM nodes WHERE node_id = ?")) {
      ps.setString(1, node);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getObject(1) != null;
      }
    }
  }
}
