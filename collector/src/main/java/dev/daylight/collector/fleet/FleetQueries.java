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
  /**
   * The incident query: every device row holding a purl, as a configured server's package or
   * installed on disk. The node's hostname, owner and OS are read afterwards by primary key for the
   * nodes that matched: joining made PostgreSQL hash every node of the fleet, and one scalar
   * subquery per fact and row cost three probes a row (118 ms for 2,000 rows among 2 million).
   */
  private static final String INCIDENT =
      "SELECT s.node_id AS \"nodeId\", s.os_user AS \"osUser\", s.client AS \"client\", s.enabled AS \"enabled\","
          + " s.approval AS \"approval\", s.blocked_by AS \"blockedBy\", s.config_path AS \"configPath\","
          + " s.server_name AS \"serverName\", s.version AS \"version\", s.first_seen AS \"firstSeen\","
          + " s.last_seen AS \"lastSeen\" FROM device_servers s WHERE s.purl = ?"
          + " UNION ALL"
          + " SELECT p.node_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, p.version, p.first_seen, p.last_seen"
          + " FROM device_packages p WHERE p.purl = ?"
          + " AND NOT EXISTS (SELECT 1 FROM device_servers s2 WHERE s2.node_id = p.node_id"
          + " AND s2.purl = p.purl AND COALESCE(s2.version, '') = p.version)";
  private static final int NODE_CHUNK = 500;

  private static final List<String> INCIDENT_KEY = List.of("hostname", "nodeId", "client", "serverName", "version");

  private final Database db;
  private final Listings listings;
  private final PackagePages packagePages;

  public FleetQueries(Database db, MaliciousIntel malicious) {
    this.db = db;
    this.listings = new Listings(db);
    this.packagePages = new PackagePages(db, new PackageSummary(db), malicious);
  }

  /**
   * Every device whose latest inventory holds the package: as a server's package, or installed
   * on disk. A version in the purl or a range narrows it; rows of unknown version match no range.
   */
  public Map<String, Object> incident(String purl, Optional<String> range, String cursor, int limit)
      throws SQLException {
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
      for (Map<String, Object> row : Rows.query(c, INCIDENT, base, base)) {
        Object v = row.get("version");
        if ("".equals(v)) {
          row.put("version", null);
          v = null;
        }
        if (!narrowed || (v != null && accept.test(v.toString()))) {
          devices.add(row);
        }
      }
      addNodeFacts(c, devices);
    }
    // Every matching row is judged in Java (the range is the ecosystem's, not SQL's), so a page is a
    // slice of the sorted rows after the cursor's key.
    List<Object> after = Cursor.decode(cursor, INCIDENT_KEY.size());
    List<Map<String, Object>> page = new ArrayList<>();
    devices.sort(INCIDENT_ORDER);
    for (Map<String, Object> row : devices) {
      if (after == null || compareKey(row, after) > 0) {
        page.add(row);
        if (page.size() > limit) {
          break;
        }
      }
    }
    Map<String, Object> out = Cursor.page("devices", page, limit, INCIDENT_KEY);
    out.put("total", devices.size());
    return out;
  }

  /** Hostname, OS and owner (the account whose home holds the server, else the device's owner). */
  private static void addNodeFacts(Connection c, List<Map<String, Object>> rows) throws SQLException {
    List<Object> ids = rows.stream().map(r -> r.get("nodeId")).distinct().collect(java.util.stream.Collectors.toList());
    Map<Object, Map<String, Object>> nodes = new java.util.HashMap<>();
    for (int i = 0; i < ids.size(); i += NODE_CHUNK) {
      List<Object> chunk = ids.subList(i, Math.min(ids.size(), i + NODE_CHUNK));
      for (Map<String, Object> n : Rows.query(c, "SELECT node_id AS \"nodeId\", hostname AS \"hostname\","
          + " owner AS \"owner\", os AS \"os\" FROM nodes WHERE node_id IN ("
          + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")", chunk.toArray())) {
        nodes.put(n.get("nodeId"), n);
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = rows.get(i);
      Map<String, Object> n = nodes.getOrDefault(r.get("nodeId"), Map.of());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("nodeId", r.get("nodeId"));
      out.put("hostname", n.get("hostname"));
      out.put("owner", r.get("osUser") != null ? r.get("osUser") : n.get("owner"));
      out.put("os", n.get("os"));
      r.remove("nodeId");
      r.remove("osUser");
      out.putAll(r);
      rows.set(i, out);
    }
  }

  private static String keyPart(Object v) {
    return v == null ? "" : v.toString();
  }

  private static final java.util.Comparator<Map<String, Object>> INCIDENT_ORDER = (a, b) -> {
    for (String k : INCIDENT_KEY) {
      int c = keyPart(a.get(k)).compareTo(keyPart(b.get(k)));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  private static int compareKey(Map<String, Object> row, List<Object> key) {
    for (int i = 0; i < INCIDENT_KEY.size(); i++) {
      int c = keyPart(row.get(INCIDENT_KEY.get(i))).compareTo(keyPart(key.get(i)));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Fleet totals; all but the device count come from the once-a-minute package snapshot. */
  public Map<String, Object> overview(long now) throws SQLException {
    try (Connection c = db.read()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("devices", Rows.count(c, "SELECT COUNT(*) FROM nodes"));
      out.putAll(packagePages.totals(now));
      return out;
    }
  }

  /** Devices by hostname, filtered by any of q, os, owner, severity (an open finding of it), seenBefore/After. */
  public Map<String, Object> devices(Map<String, String> filter, String cursor, int limit) throws SQLException {
    return listings.devices(filter, cursor, limit);
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
      out.put("findings", Rows.query(c, FINDING_COLUMNS + ", f.evidence AS \"evidence\" FROM findings f JOIN nodes n ON n.node_id = f.node_id"
          + " WHERE f.node_id = ? ORDER BY f.status, CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1"
          + " WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, f.title", nodeId));
      return out;
    }
  }

  /** A device's events, newest first, and its latest reports. */
  public Map<String, Object> timeline(String nodeId, String cursor, int limit) throws SQLException {
    try (Connection c = db.read()) {
      if (Rows.count(c, "SELECT COUNT(*) FROM nodes WHERE node_id = ?", nodeId) == 0) {
        throw ApiException.notFound();
      }
      List<Object> after = Cursor.decode(cursor, 2);
      String keyset = after == null ? "" : " AND (at < ? OR (at = ? AND event_id > ?))";
      List<Object> args = new ArrayList<>(List.of(nodeId));
      if (after != null) {
        args.addAll(List.of(after.get(0), after.get(0), after.get(1)));
      }
      args.add(limit + 1);
      Map<String, Object> out = Cursor.page("events", Rows.query(c,
          "SELECT event_id AS \"id\", type AS \"type\", at AS \"at\", at AS \"k_at\", report_id AS \"reportId\","
              + " server_id AS \"serverId\", purl AS \"purl\", finding_id AS \"findingId\","
              + " summary AS \"summary\" FROM events WHERE node_id = ?" + keyset
              + " ORDER BY at DESC, event_id LIMIT ?", args.toArray()), limit, List.of("k_at", "id"));
      out.put("reports", Rows.query(c,
          "SELECT report_id AS \"reportId\", kind AS \"kind\", created_at AS \"createdAt\","
              + " received_at AS \"receivedAt\", event_count AS \"events\" FROM reports"
              + " WHERE node_id = ? ORDER BY received_at DESC LIMIT 20", nodeId));
      return out;
    }
  }

  public Map<String, Object> servers(String q, String cursor, int limit, long now) throws SQLException {
    return packagePages.servers(q, cursor, limit, now);
  }

  /** Package versions the fleet runs (of one purl when given), with decisions, intel and suspensions. */
  public Map<String, Object> packages(String q, String purl, String cursor, int limit, long now) throws SQLException {
    String base = null;
    if (purl != null && !purl.isBlank()) {
      try {
        base = Purls.base(purl);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("purl: " + e.getMessage());
      }
    }
    return packagePages.packages(q, base, cursor, limit, now);
  }

  static final String FINDING_COLUMNS =
      "SELECT f.node_id AS \"nodeId\", n.hostname AS \"hostname\", f.finding_id AS \"id\", f.rule AS \"rule\","
          + " f.severity AS \"severity\", f.title AS \"title\", f.server_id AS \"serverId\", f.purl AS \"purl\","
          + " f.advisory AS \"advisory\", f.remediation AS \"remediation\", f.status AS \"status\","
          + " f.first_seen AS \"firstSeen\", f.last_seen AS \"lastSeen\", f.resolved_at AS \"resolvedAt\"";

  /** Findings worst first, filtered by any of severity, rule, status (default open), node, purl. */
  public Map<String, Object> findings(Map<String, String> filter, String cursor, int limit) throws SQLException {
    return listings.findings(filter, cursor, limit);
  }
}
