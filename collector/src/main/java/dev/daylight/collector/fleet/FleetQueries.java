package dev.daylight.collector.fleet;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import dev.daylight.identity.Purls;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's read side: devices, fleet aggregates, findings, timelines, the incident query.
 */
public final class FleetQueries {
  private final Database db;
  private final Listings listings;
  private final PackagePages packagePages;
  private final Incident incident;
  private final CapabilityServers capabilityServers;

  public FleetQueries(Database db, MaliciousIntel malicious) {
    this.db = db;
    this.listings = new Listings(db);
    this.packagePages = new PackagePages(db, new PackageSummary(db), malicious);
    this.incident = new Incident(db);
    this.capabilityServers = new CapabilityServers(db);
  }

  /**
   * Every device whose latest inventory holds the package, as a server's package or installed on
   * disk, paged; a version in the purl or a range narrows it.
   */
  public Map<String, Object> incident(String purl, Optional<String> range, String cursor, int limit)
      throws SQLException {
    return incident.devices(purl, range, cursor, limit);
  }

  /**
   * The incident query narrowed to the versions in which some agent's release review found an open
   * {@code release-*} finding at or above {@code release} (a severity), when one is given. The
   * narrowing applies to each page, so a page may hold fewer rows than the limit.
   */
  public Map<String, Object> incident(
      String purl, Optional<String> range, Optional<String> release, String cursor, int limit)
      throws SQLException {
    Map<String, Object> page = incident(purl, range, cursor, limit);
    if (release.isEmpty()) {
      return page;
    }
    dev.daylight.protocol.Severity atLeast;
    try {
      atLeast = dev.daylight.protocol.Severity.parse(release.get());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "release: a severity (critical, high, medium, low, info), not " + release.get());
    }
    java.util.Set<String> flagged;
    try (Connection c = db.read()) {
      flagged = ReleaseVersions.flagged(c, Purls.base(purl), atLeast);
    }
    Map<String, Object> out = new LinkedHashMap<>(page);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> devices = (List<Map<String, Object>>) page.get("devices");
    out.put(
        "devices",
        devices.stream()
            .filter(d -> d.get("version") != null && flagged.contains(d.get("version").toString()))
            .toList());
    return out;
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

  /**
   * Devices by hostname, filtered by any of q, os, owner, severity (an open finding of it),
   * seenBefore/After.
   */
  public Map<String, Object> devices(Map<String, String> filter, String cursor, int limit)
      throws SQLException {
    return listings.devices(filter, cursor, limit);
  }

  public Map<String, Object> device(String nodeId) throws SQLException {
    try (Connection c = db.read()) {
      List<Map<String, Object>> facts =
          Rows.query(
              c,
              "SELECT node_id AS \"nodeId\", hostname AS \"hostname\", owner AS \"owner\", os AS \"os\","
                  + " os_version AS \"osVersion\", arch AS \"arch\", os_user AS \"user\", serial AS \"serial\","
                  + " device_id AS \"deviceId\", enrolled_at AS \"enrolledAt\", last_seen AS \"lastSeen\","
                  + " schema_version AS \"schemaVersion\" FROM nodes WHERE node_id = ?",
              nodeId);
      if (facts.isEmpty()) {
        throw ApiException.notFound();
      }
      Map<String, Object> out = new LinkedHashMap<>(facts.get(0));
      out.put(
          "servers",
          Rows.query(
              c,
              "SELECT server_id AS \"id\", client AS \"client\", scope AS \"scope\", config_path AS \"configPath\","
                  + " server_name AS \"name\", transport AS \"transport\", command AS \"command\", url AS \"url\","
                  + " purl AS \"purl\", version AS \"version\", pinned AS \"pinned\", first_seen AS \"firstSeen\","
                  + " last_seen AS \"lastSeen\", approval AS \"approval\", enabled AS \"enabled\","
                  + " blocked_by AS \"blockedBy\", node_id AS \"nodeId\" FROM device_servers WHERE node_id = ?"
                  + " ORDER BY client, server_name",
              nodeId));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> servers = (List<Map<String, Object>>) out.get("servers");
      long now = System.currentTimeMillis();
      UsageQueries.decorate(c, servers, now);
      CapabilityServers.decorateDevice(c, nodeId, servers);
      out.put("usage", UsageQueries.tools(c, nodeId, now));
      out.put(
          "packages",
          Rows.query(
              c,
              "SELECT purl AS \"purl\", version AS \"version\", source AS \"source\", install_path AS \"installPath\","
                  + " first_seen AS \"firstSeen\" FROM device_packages WHERE node_id = ? ORDER BY purl",
              nodeId));
      out.put(
          "findings",
          ReleaseVersions.releaseAsObject(
              Rows.query(
                  c,
                  FINDING_COLUMNS
                      + ", f.evidence AS \"evidence\" FROM findings f JOIN nodes n ON n.node_id = f.node_id"
                      + " WHERE f.node_id = ? ORDER BY f.status, CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1"
                      + " WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, f.title",
                  nodeId)));
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
      Map<String, Object> out =
          Cursor.page(
              "events",
              Rows.query(
                  c,
                  "SELECT event_id AS \"id\", type AS \"type\", at AS \"at\", at AS \"k_at\", report_id AS \"reportId\","
                      + " server_id AS \"serverId\", purl AS \"purl\", finding_id AS \"findingId\","
                      + " summary AS \"summary\" FROM events WHERE node_id = ?"
                      + keyset
                      + " ORDER BY at DESC, event_id LIMIT ?",
                  args.toArray()),
              limit,
              List.of("k_at", "id"));
      out.put(
          "reports",
          Rows.query(
              c,
              "SELECT report_id AS \"reportId\", kind AS \"kind\", created_at AS \"createdAt\","
                  + " received_at AS \"receivedAt\", event_count AS \"events\" FROM reports"
                  + " WHERE node_id = ? ORDER BY received_at DESC LIMIT 20",
              nodeId));
      return out;
    }
  }

  public Map<String, Object> servers(String q, String cursor, int limit, long now)
      throws SQLException {
    return packagePages.servers(q, cursor, limit, now);
  }

  /** Every device server of one capability class (a 400 for an id that is not one), paged. */
  public Map<String, Object> serversWith(String capability, String cursor, int limit, long now)
      throws SQLException {
    return capabilityServers.servers(capability, cursor, limit, now);
  }

  /**
   * Package versions the fleet runs (of one purl, and one version of it, when given), with
   * decisions, intel and suspensions.
   */
  public Map<String, Object> packages(
      String q, String purl, String version, String cursor, int limit, long now)
      throws SQLException {
    String base = null;
    if (purl != null && !purl.isBlank()) {
      try {
        base = Purls.base(purl);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("purl: " + e.getMessage());
      }
    }
    return packagePages.packages(
        q, base, version == null || version.isBlank() ? null : version.trim(), cursor, limit, now);
  }

  static final String FINDING_COLUMNS =
      "SELECT f.node_id AS \"nodeId\", n.hostname AS \"hostname\", f.finding_id AS \"id\", f.rule AS \"rule\","
          + " f.severity AS \"severity\", f.title AS \"title\", f.server_id AS \"serverId\", f.purl AS \"purl\","
          + " f.advisory AS \"advisory\", f.remediation AS \"remediation\", f.status AS \"status\","
          + " f.first_seen AS \"firstSeen\", f.last_seen AS \"lastSeen\", f.resolved_at AS \"resolvedAt\","
          + " f.release_json AS \"release\"";

  /** Findings worst first, filtered by any of severity, rule, status (default open), node, purl. */
  public Map<String, Object> findings(Map<String, String> filter, String cursor, int limit)
      throws SQLException {
    return listings.findings(filter, cursor, limit);
  }
}
