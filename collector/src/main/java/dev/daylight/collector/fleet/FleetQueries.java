package dev.daylight.collector.fleet;

import dev.daylight.collector.ApiException;
import dev.daylight.identity.Purls;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import dev.daylight.identity.VersionRange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The admin API's read side: devices, fleet aggregates, findings, timelines, the incident query. */
public final class FleetQueries {
  /** The incident query: every device row holding a purl, with its node's hostname and owner. */
  private static final String INCIDENT =
      "SELECT n.hostname AS \"hostname\", COALESCE(s.os_user, n.owner) AS \"owner\", s.client AS \"client\","
          + " s.config_path AS \"configPath\", s.server_name AS \"serverName\", s.version AS \"version\","
          + " s.first_seen AS \"firstSeen\", s.last_seen AS \"lastSeen\""
          + " FROM device_servers s JOIN nodes n ON n.node_id = s.node_id WHERE s.purl = ?"
          + " UNION ALL"
          + " SELECT n.hostname, n.owner, NULL, NULL, NULL, p.version, p.first_seen, p.last_seen"
          + " FROM device_packages p JOIN nodes n ON n.node_id = p.node_id WHERE p.purl = ?"
          + " AND NOT EXISTS (SELECT 1 FROM device_servers s2 WHERE s2.node_id = p.node_id"
          + " AND s2.purl = p.purl AND COALESCE(s2.version, '') = p.version)";

  /**
   * The same for PostgreSQL, with the node's facts looked up per matching row (scalar subqueries
   * on its primary key) instead of joined: an incident matches a small share of the fleet, and
   * PostgreSQL's planner hashed every node of the fleet to join a few thousand rows (45 ms against
   * 20 ms over 100,000 devices). SQLite probes the nodes by key for either form, and once per row
   * for the join, so it keeps the join. Every device row has its node: rows are only written for
   * an authenticated node, and nodes are never deleted.
   */
  private static final String INCIDENT_PER_ROW =
      "SELECT (SELECT n.hostname FROM nodes n WHERE n.node_id = s.node_id) AS \"hostname\","
          + " COALESCE(s.os_user, (SELECT n.owner FROM nodes n WHERE n.node_id = s.node_id)) AS \"owner\","
          + " s.client AS \"client\", s.config_path AS \"configPath\", s.server_name AS \"serverName\","
          + " s.version AS \"version\", s.first_seen AS \"firstSeen\", s.last_seen AS \"lastSeen\""
          + " FROM device_servers s WHERE s.purl = ?"
          + " UNION ALL"
          + " SELECT (SELECT n.hostname FROM nodes n WHERE n.node_id = p.node_id),"
          + " (SELECT n.owner FROM nodes n WHERE n.node_id = p.node_id), NULL, NULL, NULL, p.version,"
          + " p.first_seen, p.last_seen"
          + " FROM device_packages p WHERE p.purl = ?"
          + " AND NOT EXISTS (SELECT 1 FROM device_servers s2 WHERE s2.node_id = p.node_id"
          + " AND s2.purl = p.purl AND COALESCE(s2.version, '') = p.version)";

  private final Database db;

  public FleetQueries(Database db) {
    this.db = db;
  }

  /**
   * Every device whose latest inventory holds the package: as a server's package, or installed
   * on disk. A version in the purl or a range narrows it; rows of unknown version match no range.
   */
  public Map<String, Object> incident(String purl, Optional<String> range) throws SQLException {
    String base;
    String type;
    try {
      base = Purls.base(purl);
      type = Purls.type(purl);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("purl: " + e.getMessage());
    }
    Optional<String> exact = Purls.version(purl);
    Predicate<String> accept = v -> true;
    try {
      if (range.isPresent()) {
        accept = VersionRange.parse(type, range.get());
      } else if (exact.isPresent()) {
        accept = exact.get()::equals;
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("range: " + e.getMessage());
    }
    boolean narrowed = range.isPresent() || exact.isPresent();
    // A fleet runs few distinct versions of a package: judge each once, not once per device.
    Predicate<String> judge = accept;
    Map<String, Boolean> verdicts = new java.util.HashMap<>();
    accept = v -> verdicts.computeIfAbsent(v, judge::test);
    List<Map<String, Object>> devices = new ArrayList<>();
    try (Connection c = db.read()) {
      String sql = db.dialect() == Database.Dialect.POSTGRESQL ? INCIDENT_PER_ROW : INCIDENT;
      for (Map<String, Object> row : Rows.query(c, sql, base, base)) {
        Object v = row.get("version");
        if ("".equals(v)) {
          row.put("version", null);
          v = null;
        }
        if (!narrowed || (v != null && accept.test(v.toString()))) {
          devices.add(row);
        }
      }
    }
    devices.sort((a, b) -> String.valueOf(a.get("hostname")).compareTo(String.valueOf(b.get("hostname"))));
    return Map.of("devices", devices);
  }

  public Map<String, Object> overview() throws SQLException {
    try (Connection c = db.read()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("devices", Rows.count(c, "SELECT COUNT(*) FROM nodes"));
      out.put("servers", Rows.count(c, "SELECT COUNT(*) FROM device_servers"));
      out.put("packages", Rows.count(c, "SELECT COUNT(DISTINCT purl) FROM device_servers WHERE purl IS NOT NULL"));
      Map<String, Object> bySeverity = new LinkedHashMap<>();
      for (String s : List.of("critical", "high", "medium", "low", "info")) {
        bySeverity.put(s, 0L);
      }
      for (Map<String, Object> r : Rows.query(c,
          "SELECT severity AS \"severity\", COUNT(*) AS \"n\" FROM findings WHERE status = 'open' GROUP BY severity")) {
        bySeverity.put((String) r.get("severity"), r.get("n"));
      }
      out.put("openFindings", bySeverity);
      return out;
    }
  }

  public Map<String, Object> devices(String q, int limit) throws SQLException {
    String like = like(q);
    try (Connection c = db.read()) {
      List<Map<String, Object>> rows = Rows.query(c,
          "SELECT n.node_id AS \"nodeId\", n.hostname AS \"hostname\", n.owner AS \"owner\", n.os AS \"os\","
              + " n.os_version AS \"osVersion\", n.arch AS \"arch\", n.serial AS \"serial\","
              + " n.enrolled_at AS \"enrolledAt\", n.last_seen AS \"lastSeen\","
              + " (SELECT COUNT(*) FROM findings f WHERE f.node_id = n.node_id AND f.status = 'open') AS \"openFindings\""
              + " FROM nodes n WHERE (? = '' OR LOWER(COALESCE(n.hostname, '')) LIKE ? OR LOWER(COALESCE(n.owner, '')) LIKE ?)"
              + " ORDER BY n.hostname, n.node_id LIMIT ?",
          q == null ? "" : q, like, like, limit);
      return Map.of("devices", rows);
    }
  }

  public Map<String, Object> device(String nodeId) throws SQLException {
    try (Connection c = db.read()) {
      List<Map<String, Object>> facts = Rows.query(c,
          "SELECT node_id AS \"nodeId\", hostname AS \"hostname\", owner AS \"owner\", os AS \"os\","
              + " os_version AS \"osVersion\", arch AS \"arch\", os_user AS \"user\", serial AS \"serial\","
              + " device_id AS \"deviceId\", enrolled_at AS \"enrolledAt\", last_seen AS \"lastSeen\","
              + " schema_version AS \"schemaVersion\" FROM nodes WHERE node_id = ?", nodeId);
      if (facts.isEmpty()) {
        throw ApiException.notFound();
      }
      Map<String, Object> out = new LinkedHashMap<>(facts.get(0));
      out.put("servers", Rows.query(c,
          "SELECT server_id AS \"id\", client AS \"client\", scope AS \"scope\", config_path AS \"configPath\","
              + " server_name AS \"name\", transport AS \"transport\", command AS \"command\", url AS \"url\","
              + " purl AS \"purl\", version AS \"version\", pinned AS \"pinned\", first_seen AS \"firstSeen\","
              + " last_seen AS \"lastSeen\", approval AS \"approval\", enabled AS \"enabled\","
              + " blocked_by AS \"blockedBy\" FROM device_servers WHERE node_id = ?"
              + " ORDER BY client, server_name",
          nodeId));
      out.put("packages", Rows.query(c,
          "SELECT purl AS \"purl\", version AS \"version\", source AS \"source\", install_path AS \"installPath\","
              + " first_seen AS \"firstSeen\" FROM device_packages WHERE node_id = ? ORDER BY purl", nodeId));
      out.put("findings", Rows.query(c, FINDING_COLUMNS + " FROM findings f JOIN nodes n ON n.node_id = f.node_id"
          + " WHERE f.node_id = ? ORDER BY f.status, f.severity, f.title", nodeId));
      return out;
    }
  }

  public Map<String, Object> timeline(String nodeId, int limit) throws SQLException {
    try (Connection c = db.read()) {
      if (Rows.count(c, "SELECT COUNT(*) FROM nodes WHERE node_id = ?", nodeId) == 0) {
        throw ApiException.notFound();
      }
      return Map.of("events", Rows.query(c,
          "SELECT event_id AS \"id\", type AS \"type\", at AS \"at\", report_id AS \"reportId\","
              + " server_id AS \"serverId\", purl AS \"purl\", finding_id AS \"findingId\","
              + " summary AS \"summary\" FROM events WHERE node_id = ? ORDER BY at DESC, event_id LIMIT ?",
          nodeId, limit),
          "reports", Rows.query(c,
          "SELECT report_id AS \"reportId\", kind AS \"kind\", created_at AS \"createdAt\","
              + " received_at AS \"receivedAt\", event_count AS \"events\" FROM reports"
              + " WHERE node_id = ? ORDER BY received_at DESC LIMIT ?", nodeId, limit));
    }
  }

  public Map<String, Object> servers(String q, int limit) throws SQLException {
    String like = like(q);
    try (Connection c = db.read()) {
      return Map.of("servers", Rows.query(c,
          "SELECT server_name AS \"name\", purl AS \"purl\", COUNT(DISTINCT node_id) AS \"devices\","
              + " COUNT(*) AS \"entries\", MIN(first_seen) AS \"firstSeen\", MAX(last_seen) AS \"lastSeen\""
              + " FROM device_servers WHERE (? = '' OR LOWER(server_name) LIKE ? OR LOWER(COALESCE(purl, '')) LIKE ?)"
              + " GROUP BY server_name, purl ORDER BY COUNT(DISTINCT node_id) DESC, server_name LIMIT ?",
          q == null ? "" : q, like, like, limit));
    }
  }

  public Map<String, Object> packages(String q, int limit) throws SQLException {
    String like = like(q);
    try (Connection c = db.read()) {
      return Map.of("packages", Rows.query(c,
          "SELECT purl AS \"purl\", version AS \"version\", COUNT(DISTINCT node_id) AS \"devices\" FROM ("
              + " SELECT node_id, purl, COALESCE(version, '') AS version FROM device_servers WHERE purl IS NOT NULL"
              + " UNION SELECT node_id, purl, version FROM device_packages) u"
              + " WHERE (? = '' OR LOWER(purl) LIKE ?)"
              + " GROUP BY purl, version ORDER BY COUNT(DISTINCT node_id) DESC, purl, version LIMIT ?",
          q == null ? "" : q, like, limit));
    }
  }

  static final String FINDING_COLUMNS =
      "SELECT f.node_id AS \"nodeId\", n.hostname AS \"hostname\", f.finding_id AS \"id\", f.rule AS \"rule\","
          + " f.severity AS \"severity\", f.title AS \"title\", f.server_id AS \"serverId\", f.purl AS \"purl\","
          + " f.advisory AS \"advisory\", f.remediation AS \"remediation\", f.status AS \"status\","
          + " f.first_seen AS \"firstSeen\", f.last_seen AS \"lastSeen\", f.resolved_at AS \"resolvedAt\"";

  /** Findings filtered by any of severity, rule, status (default open), node, purl. */
  public Map<String, Object> findings(Map<String, String> filter, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder(FINDING_COLUMNS)
        .append(" FROM findings f JOIN nodes n ON n.node_id = f.node_id WHERE f.status = ?");
    List<Object> args = new ArrayList<>();
    args.add(filter.getOrDefault("status", "open"));
    for (var e : Map.of("severity", "f.severity", "rule", "f.rule", "node", "f.node_id", "purl", "f.purl").entrySet()) {
      String v = filter.get(e.getKey());
      if (v != null && !v.isEmpty()) {
        sql.append(" AND ").append(e.getValue()).append(" = ?");
        args.add(v);
      }
    }
    sql.append(" ORDER BY f.last_seen DESC, f.node_id, f.finding_id LIMIT ?");
    args.add(limit);
    try (Connection c = db.read()) {
      return Map.of("findings", Rows.query(c, sql.toString(), args.toArray()));
    }
  }

  private static String like(String q) {
    if (q == null) {
      return "";
    }
    return "%" + q.toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%";
  }
}
