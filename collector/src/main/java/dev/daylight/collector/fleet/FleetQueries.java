package dev.daylight.collector.fleet;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  public FleetAnswers.IncidentList incident(
      String purl, Optional<String> range, String cursor, int limit) throws SQLException {
    return incident.devices(purl, range, cursor, limit);
  }

  /**
   * The incident query narrowed to the versions in which some agent's release review found an open
   * {@code release-*} finding at or above {@code release} (a severity), when one is given. The
   * narrowing applies to each page, so a page may hold fewer rows than the limit.
   */
  public FleetAnswers.IncidentList incident(
      String purl, Optional<String> range, Optional<String> release, String cursor, int limit)
      throws SQLException {
    FleetAnswers.IncidentList page = incident(purl, range, cursor, limit);
    if (release.isEmpty()) {
      return page;
    }
    Severity atLeast;
    try {
      atLeast = Severity.parse(release.get());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "release: a severity (critical, high, medium, low, info), not " + release.get());
    }
    Set<String> flagged;
    try (Connection c = db.read()) {
      flagged = ReleaseVersions.flagged(c, Purls.base(purl), atLeast);
    }
    return new FleetAnswers.IncidentList(
        page.devices().stream()
            .filter(d -> d.holding().version() != null && flagged.contains(d.holding().version()))
            .toList(),
        page.next(),
        page.total());
  }

  /** Fleet totals; all but the device count come from the once-a-minute package snapshot. */
  public FleetAnswers.Overview overview(long now) throws SQLException {
    long devices;
    try (Connection c = db.read()) {
      devices = Rows.count(c, "SELECT COUNT(*) FROM nodes");
    }
    return packagePages.overview(devices, now);
  }

  /**
   * Devices by hostname, filtered by any of q, os, owner, severity (an open finding of it),
   * seenBefore/After.
   */
  public DeviceAnswers.DeviceList devices(Map<String, String> filter, String cursor, int limit)
      throws SQLException {
    return listings.devices(filter, cursor, limit);
  }

  public DeviceAnswers.Device device(String nodeId) throws SQLException {
    try (Connection c = db.read()) {
      List<DeviceAnswers.Facts> facts =
          Rows.list(
              c,
              DeviceAnswers.Facts.class,
              "SELECT node_id AS \"nodeId\", hostname AS \"hostname\", owner AS \"owner\", os AS \"os\","
                  + " os_version AS \"osVersion\", arch AS \"arch\", os_user AS \"user\", serial AS \"serial\","
                  + " device_id AS \"deviceId\", enrolled_at AS \"enrolledAt\", last_seen AS \"lastSeen\","
                  + " schema_version AS \"schemaVersion\" FROM nodes WHERE node_id = ?",
              nodeId);
      if (facts.isEmpty()) {
        throw ApiException.notFound();
      }
      List<DeviceAnswers.ServerRow> rows =
          Rows.list(
              c,
              DeviceAnswers.ServerRow.class,
              "SELECT server_id AS \"id\", client AS \"client\", scope AS \"scope\", config_path AS \"configPath\","
                  + " server_name AS \"name\", transport AS \"transport\", command AS \"command\", url AS \"url\","
                  + " purl AS \"purl\", version AS \"version\", pinned AS \"pinned\", first_seen AS \"firstSeen\","
                  + " last_seen AS \"lastSeen\", approval AS \"approval\", enabled AS \"enabled\","
                  + " blocked_by AS \"blockedBy\", node_id AS \"nodeId\" FROM device_servers WHERE node_id = ?"
                  + " ORDER BY client, server_name",
              nodeId);
      long now = System.currentTimeMillis();
      UsageQueries.Ledger usage = UsageQueries.ledger(c, List.of(nodeId), now);
      CapabilityServers.OfDevice capabilities = CapabilityServers.ofDevice(c, nodeId);
      List<DeviceAnswers.DeviceServer> servers = new ArrayList<>();
      for (DeviceAnswers.ServerRow s : rows) {
        servers.add(
            new DeviceAnswers.DeviceServer(
                s,
                usage.of(s.nodeId(), s.client(), s.name(), s.firstSeen()),
                capabilities.classes(s.id()),
                capabilities.why(s.id())));
      }
      return new DeviceAnswers.Device(
          facts.get(0),
          servers,
          UsageQueries.tools(c, nodeId, now),
          Rows.list(
              c,
              DeviceAnswers.DevicePackage.class,
              "SELECT purl AS \"purl\", version AS \"version\", source AS \"source\", install_path AS \"installPath\","
                  + " first_seen AS \"firstSeen\" FROM device_packages WHERE node_id = ? ORDER BY purl",
              nodeId),
          Rows.list(
              c,
              DeviceAnswers.FindingRow.class,
              FINDING_COLUMNS
                  + " FROM findings f JOIN nodes n ON n.node_id = f.node_id"
                  + " WHERE f.node_id = ? ORDER BY f.status, CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1"
                  + " WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, f.title",
              nodeId));
    }
  }

  /** A device's events, newest first, and its latest reports. */
  public DeviceAnswers.Timeline timeline(String nodeId, String cursor, int limit)
      throws SQLException {
    try (Connection c = db.read()) {
      if (Rows.count(c, "SELECT COUNT(*) FROM nodes WHERE node_id = ?", nodeId) == 0) {
        throw ApiException.notFound();
      }
      List<Object> after = Cursor.decode(cursor, Long.class, String.class);
      String keyset = after == null ? "" : " AND (at < ? OR (at = ? AND event_id > ?))";
      List<Object> args = new ArrayList<>(List.of(nodeId));
      if (after != null) {
        args.addAll(List.of(after.get(0), after.get(0), after.get(1)));
      }
      args.add(limit + 1);
      var events =
          Cursor.page(
              Rows.list(
                  c,
                  DeviceAnswers.Event.class,
                  "SELECT event_id AS \"id\", type AS \"type\", at AS \"at\", report_id AS \"reportId\","
                      + " server_id AS \"serverId\", purl AS \"purl\", finding_id AS \"findingId\","
                      + " summary AS \"summary\" FROM events WHERE node_id = ?"
                      + keyset
                      + " ORDER BY at DESC, event_id LIMIT ?",
                  args.toArray()),
              limit,
              e -> List.of(e.at().toEpochMilli(), e.id()));
      return new DeviceAnswers.Timeline(
          events.rows(),
          events.next(),
          Rows.list(
              c,
              DeviceAnswers.ReportRef.class,
              "SELECT report_id AS \"reportId\", kind AS \"kind\", created_at AS \"createdAt\","
                  + " received_at AS \"receivedAt\", event_count AS \"events\" FROM reports"
                  + " WHERE node_id = ? ORDER BY received_at DESC LIMIT 20",
              nodeId));
    }
  }

  public FleetAnswers.ServerList servers(String q, String cursor, int limit, long now)
      throws SQLException {
    return packagePages.servers(q, cursor, limit, now);
  }

  /** Every device server of one capability class (a 400 for an id that is not one), paged. */
  public FleetAnswers.CapabilityList serversWith(
      String capability, String cursor, int limit, long now) throws SQLException {
    return capabilityServers.servers(capability, cursor, limit, now);
  }

  /**
   * Package versions the fleet runs (of one purl, and one version of it, when given), with
   * decisions, intel and suspensions.
   */
  public FleetAnswers.PackageList packages(
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

  /**
   * A finding's columns, {@link DeviceAnswers.FindingRow}'s components, from findings f and nodes
   * n.
   */
  static final String FINDING_COLUMNS =
      "SELECT f.node_id AS \"nodeId\", n.hostname AS \"hostname\", f.finding_id AS \"id\", f.rule AS \"rule\","
          + " f.severity AS \"severity\", f.title AS \"title\", f.server_id AS \"serverId\", f.purl AS \"purl\","
          + " f.advisory AS \"advisory\", f.remediation AS \"remediation\", f.status AS \"status\","
          + " f.first_seen AS \"firstSeen\", f.last_seen AS \"lastSeen\", f.resolved_at AS \"resolvedAt\","
          + " f.release_json AS \"release\", f.evidence AS \"evidence\"";

  /** Findings worst first, filtered by any of severity, rule, status (default open), node, purl. */
  public DeviceAnswers.FindingList findings(Map<String, String> filter, String cursor, int limit)
      throws SQLException {
    return listings.findings(filter, cursor, limit);
  }
}
