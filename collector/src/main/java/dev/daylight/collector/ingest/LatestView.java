package dev.daylight.collector.ingest;

import static dev.daylight.collector.store.Columns.col;

import dev.daylight.collector.store.Columns;
import dev.daylight.collector.store.MultiRow;
import dev.daylight.collector.store.Statements;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Each device's latest servers, packages and findings. A row keeps its first-seen time while the
 * package version stays the same, which is what "since when does it run 1.0.16" asks.
 */
final class LatestView {
  /** One server as one report saw it on one device. */
  record ServerSighting(String node, McpServer server, long at, String seenIn) {
    PackageRef pkg() {
      return server.pkg();
    }
  }

  /** A device's server row: each column once, with its value. */
  static final Columns<ServerSighting> SERVER_COLUMNS =
      Columns.of(
          "device_servers",
          col("node_id", ServerSighting::node),
          col("server_id", s -> s.server().id()),
          col("client", s -> s.server().client()),
          col("scope", s -> s.server().scope().wire()),
          col("config_path", s -> s.server().configPath()),
          col("server_name", s -> s.server().name()),
          col("transport", s -> s.server().transport().wire()),
          col("command", s -> s.server().command()),
          col("url", s -> s.server().url()),
          col("purl", s -> s.pkg() == null ? null : Purls.base(s.pkg().purl())),
          col("ecosystem", s -> s.pkg() == null ? null : s.pkg().ecosystem()),
          col("pkg_name", s -> s.pkg() == null ? null : s.pkg().name()),
          col("version", s -> s.pkg() == null ? null : versionOf(s.pkg())),
          col("pinned", s -> s.pkg() != null && s.pkg().pinned() ? 1 : 0),
          col("first_seen", ServerSighting::at),
          col("last_seen", ServerSighting::at),
          col("seen_in", ServerSighting::seenIn),
          col("os_user", s -> s.server().osUser()),
          col("approval", s -> s.server().approval() == null ? null : s.server().approval().wire()),
          col("enabled", s -> s.server().enabled() ? 1 : 0),
          col("blocked_by", s -> s.server().blockedBy()),
          col("capabilities_why", LatestView::capabilitiesWhy));

  /** Rows of one statement are told apart by this column (an upsert may not touch a row twice). */
  static final int SERVER_KEY = SERVER_COLUMNS.indexOf("server_id");

  /** Upsert of a device's server: keeps first_seen while the package and version stay the same. */
  static final MultiRow SERVERS =
      new MultiRow(
          SERVER_COLUMNS.insertHead(),
          SERVER_COLUMNS.placeholders(),
          " ON CONFLICT (node_id, server_id) DO UPDATE SET "
              + SERVER_COLUMNS.updateAllExcept(List.of("node_id", "server_id", "first_seen"))
              + ","
              + " first_seen = CASE WHEN COALESCE(device_servers.version, '') = COALESCE(excluded.version, '')"
              + " AND COALESCE(device_servers.purl, '') = COALESCE(excluded.purl, '')"
              + " THEN device_servers.first_seen ELSE excluded.first_seen END");

  static final MultiRow FINDINGS =
      new MultiRow(
          "INSERT INTO findings (node_id, finding_id, rule, severity, title, server_id, purl, advisory,"
              + " evidence, remediation, status, first_seen, last_seen, resolved_at, seen_in, release_json) VALUES ",
          "(?,?,?,?,?,?,?,?,?,?,'open',?,?,NULL,?,?)",
          " ON CONFLICT (node_id, finding_id) DO UPDATE SET rule = excluded.rule,"
              + " severity = excluded.severity, title = excluded.title, server_id = excluded.server_id,"
              + " purl = excluded.purl, advisory = excluded.advisory, evidence = excluded.evidence,"
              + " remediation = excluded.remediation, status = 'open',"
              + " first_seen = CASE WHEN findings.status = 'open' THEN findings.first_seen"
              + " ELSE excluded.first_seen END,"
              + " last_seen = excluded.last_seen, resolved_at = NULL, seen_in = excluded.seen_in,"
              + " release_json = excluded.release_json");
  private static final String UPSERT_PACKAGE =
      "INSERT INTO device_packages (node_id, purl, version, source, ecosystem, pkg_name,"
          + " install_path, first_seen, last_seen, seen_in, capabilities) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
          + " ON CONFLICT (node_id, purl, version, source) DO UPDATE SET"
          + " install_path = excluded.install_path, last_seen = excluded.last_seen,"
          + " seen_in = excluded.seen_in, capabilities = excluded.capabilities";

  private LatestView() {}

  static void upsertServers(
      Connection c, String node, Collection<McpServer> servers, long at, String seenIn)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>(servers.size());
    servers.forEach(s -> rows.add(serverRow(node, s, at, seenIn)));
    SERVERS.execute(c, rows, v -> v[SERVER_KEY]);
  }

  static Object[] serverRow(String node, McpServer s, long at, String seenIn) {
    return SERVER_COLUMNS.row(new ServerSighting(node, s, at, seenIn));
  }

  static Object[] findingRow(String node, Finding f, long at, String seenIn) {
    return new Object[] {
      node,
      f.id(),
      f.rule(),
      f.severity().wire(),
      f.title(),
      f.serverId(),
      f.purl(),
      f.advisory(),
      f.evidence() == null ? null : json(f.evidence()),
      f.remediation(),
      at,
      at,
      seenIn,
      f.release() == null ? null : json(f.release())
    };
  }

  /**
   * Why the server's classes are unknown: the agent's reason, or that it reported none (an older
   * agent), so "no class" is never read into a server nobody classified.
   */
  private static String capabilitiesWhy(ServerSighting s) {
    if (s.server().capabilities() != null) {
      return null;
    }
    String why = s.server().capabilitiesWhy();
    return why != null ? why : "the agent did not report this server's capabilities";
  }

  static String versionOf(PackageRef p) {
    return p.version() != null ? p.version() : Purls.version(p.purl()).orElse(null);
  }

  static void upsertPackages(
      Connection c, String node, Collection<InstalledPackage> pkgs, long at, String seenIn)
      throws SQLException {
    if (pkgs.isEmpty()) {
      return;
    }
    PreparedStatement ps = Statements.prepare(c, UPSERT_PACKAGE);
    for (InstalledPackage p : pkgs) {
      ps.setString(1, node);
      ps.setString(2, Purls.base(p.purl()));
      String v = p.version() != null ? p.version() : Purls.version(p.purl()).orElse("");
      ps.setString(3, v);
      ps.setString(4, p.source() == null ? "" : p.source());
      ps.setString(5, p.ecosystem());
      ps.setString(6, p.name());
      ps.setString(7, p.installPath());
      ps.setLong(8, at);
      ps.setLong(9, at);
      ps.setString(10, seenIn);
      ps.setString(11, ServerClasses.packageJson(p));
      ps.addBatch();
    }
    ps.executeBatch();
  }

  static void upsertFindings(
      Connection c, String node, Collection<Finding> findings, long at, String seenIn)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>(findings.size());
    findings.forEach(f -> rows.add(findingRow(node, f, at, seenIn)));
    FINDINGS.execute(c, rows, v -> v[1]);
  }

  /** After a full inventory: what it did not mention is gone (servers, packages) or resolved. */
  static void retireUnseen(Connection c, String node, String seenIn, long at) throws SQLException {
    exec(c, "DELETE FROM device_servers WHERE node_id = ? AND seen_in <> ?", node, seenIn);
    exec(c, "DELETE FROM device_packages WHERE node_id = ? AND seen_in <> ?", node, seenIn);
    PreparedStatement ps =
        Statements.prepare(
            c,
            "UPDATE findings SET status = 'resolved', resolved_at = ?"
                + " WHERE node_id = ? AND status = 'open' AND seen_in <> ?");
    ps.setLong(1, at);
    ps.setString(2, node);
    ps.setString(3, seenIn);
    ps.executeUpdate();
  }

  static void exec(Connection c, String sql, String... args) throws SQLException {
    PreparedStatement ps = Statements.prepare(c, sql);
    for (int i = 0; i < args.length; i++) {
      ps.setString(i + 1, args[i]);
    }
    ps.executeUpdate();
  }

  static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
