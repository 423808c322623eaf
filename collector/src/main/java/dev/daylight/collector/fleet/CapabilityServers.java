package dev.daylight.collector.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Every server in the fleet that can send email": the device servers of one capability class,
 * paged by (node, server) along the class index, each with its device, owner, package, evidence,
 * usage and approval state (the fleet decision that applies, and whether the device reports the
 * server as waiting for one).
 */
final class CapabilityServers {
  static final String UNAPPROVED_RULE = "unapproved-capability";

  private final Database db;

  CapabilityServers(Database db) {
    this.db = db;
  }

  /** A server of the class as read: its node, the account whose home holds it, its evidence. */
  private record Hit(
      String nodeId, String osUser, FleetAnswers.CapableServer server, JsonNode evidence) {}

  private record Cap(String id, String cls, JsonNode evidence) {}

  private record Why(String id, String why) {}

  private record Waiting(String nodeId, String serverId, String title) {}

  FleetAnswers.CapabilityList servers(String capability, String cursor, int limit, long now)
      throws SQLException {
    String cls = CapabilityClasses.require(capability, "capability");
    List<Object> after = Cursor.decode(cursor, String.class, String.class);
    List<Object> args = new ArrayList<>(List.of(cls));
    String keyset = "";
    if (after != null) {
      keyset = " AND (sc.node_id, sc.server_id) > (?, ?)";
      args.add(after.get(0));
      args.add(after.get(1));
    }
    args.add(limit + 1);
    try (Connection c = db.read()) {
      var page =
          Cursor.page(
              Rows.list(
                  c,
                  Hit.class,
                  "SELECT sc.node_id AS \"nodeId\", sc.server_id AS \"serverId\", s.client AS \"client\","
                      + " s.server_name AS \"serverName\", s.os_user AS \"osUser\", s.purl AS \"purl\", s.version AS \"version\","
                      + " s.url AS \"url\", s.config_path AS \"configPath\", s.enabled AS \"enabled\","
                      + " s.approval AS \"clientApproval\", s.blocked_by AS \"blockedBy\", s.first_seen AS \"firstSeen\","
                      + " s.last_seen AS \"lastSeen\", sc.evidence AS \"evidence\""
                      + " FROM server_capabilities sc JOIN device_servers s"
                      + " ON s.node_id = sc.node_id AND s.server_id = sc.server_id"
                      + " WHERE sc.cap_class = ?"
                      + keyset
                      + " ORDER BY sc.node_id, sc.server_id LIMIT ?",
                  args.toArray()),
              limit,
              h -> List.of(h.nodeId(), h.server().serverId()));
      List<String> nodeIds = page.rows().stream().map(Hit::nodeId).distinct().toList();
      Map<String, FleetAnswers.NodeFacts> nodes = Nodes.byId(c, nodeIds);
      List<FleetAnswers.CapableServer> servers = page.rows().stream().map(Hit::server).toList();
      Map<String, FleetAnswers.FleetDecision> decisions = decisions(c, servers, cls);
      Map<String, List<String>> waiting = waiting(c, nodeIds);
      UsageQueries.Ledger usage = UsageQueries.ledger(c, nodeIds, now);
      List<FleetAnswers.CapabilityServer> rows = new ArrayList<>();
      for (Hit h : page.rows()) {
        FleetAnswers.CapableServer s = h.server();
        FleetAnswers.FleetDecision d = applying(decisions, s, cls);
        boolean open = namesClass(waiting.get(h.nodeId() + "\n" + s.serverId()), cls);
        rows.add(
            new FleetAnswers.CapabilityServer(
                Nodes.of(nodes, h.nodeId(), h.osUser()),
                s,
                h.evidence(),
                cls,
                s.purl() == null
                    ? null
                    : PackagePages.displayName(s.purl())
                        + (s.version() == null ? "" : "@" + s.version()),
                d,
                open,
                d != null ? d.decision() : open ? "awaiting-approval" : "no-fleet-decision",
                usage.of(h.nodeId(), s.client(), s.serverName(), s.firstSeen())));
      }
      return new FleetAnswers.CapabilityList(rows, page.next());
    }
  }

  /**
   * A device's servers' classes ({@code [{class, evidence}]}), or null with the reason when nobody
   * could say (never an empty list that would read "harmless").
   */
  record OfDevice(
      Map<String, List<DeviceAnswers.ServerCapability>> known, Map<String, String> unknown) {
    List<DeviceAnswers.ServerCapability> classes(String serverId) {
      List<DeviceAnswers.ServerCapability> mine = known.get(serverId);
      return mine == null && unknown.containsKey(serverId) ? null : mine == null ? List.of() : mine;
    }

    String why(String serverId) {
      return known.containsKey(serverId) ? null : unknown.get(serverId);
    }
  }

  static OfDevice ofDevice(Connection c, String nodeId) throws SQLException {
    Map<String, List<DeviceAnswers.ServerCapability>> classes = new HashMap<>();
    for (Cap r :
        Rows.list(
            c,
            Cap.class,
            "SELECT server_id AS \"id\", cap_class AS \"cls\","
                + " evidence AS \"evidence\" FROM server_capabilities WHERE node_id = ? ORDER BY server_id, cap_class",
            nodeId)) {
      classes
          .computeIfAbsent(r.id(), k -> new ArrayList<>())
          .add(new DeviceAnswers.ServerCapability(r.cls(), r.evidence()));
    }
    Map<String, String> why = new HashMap<>();
    for (Why r :
        Rows.list(
            c,
            Why.class,
            "SELECT server_id AS \"id\", capabilities_why AS \"why\""
                + " FROM device_servers WHERE node_id = ? AND capabilities_why IS NOT NULL",
            nodeId)) {
      why.put(r.id(), r.why());
    }
    return new OfDevice(classes, why);
  }

  /**
   * The decisions on the page's packages, server names and the class, keyed {@code
   * subject@version}.
   */
  private static Map<String, FleetAnswers.FleetDecision> decisions(
      Connection c, List<FleetAnswers.CapableServer> page, String cls) throws SQLException {
    Set<String> subjects = new HashSet<>(Set.of("class:" + cls));
    for (FleetAnswers.CapableServer r : page) {
      if (r.purl() != null) {
        subjects.add(r.purl());
      }
      subjects.add("server:" + r.serverName());
    }
    Map<String, FleetAnswers.FleetDecision> out = new HashMap<>();
    for (FleetAnswers.FleetDecision d :
        Rows.list(
            c,
            FleetAnswers.FleetDecision.class,
            "SELECT subject AS \"subject\", version AS \"version\","
                + " decision AS \"decision\", decided_by AS \"by\", reason AS \"reason\", decided_at AS \"decidedAt\""
                + " FROM policy_entries WHERE subject IN ("
                + String.join(",", Collections.nCopies(subjects.size(), "?"))
                + ")",
            subjects.toArray())) {
      // Stored '' for every version; shown as null.
      out.put(
          d.subject() + "@" + d.version(),
          d.version().isEmpty()
              ? new FleetAnswers.FleetDecision(
                  d.subject(), null, d.decision(), d.by(), d.reason(), d.decidedAt())
              : d);
    }
    return out;
  }

  /**
   * The decision that applies, read as agents read it: a denial of the class, the package (this
   * version or all) or the server wins over any approval; else an approval of the package's
   * version, all its versions, the server's name or the class, the most specific shown. A
   * version-scoped approval of postmark-mcp 1.0.15 says nothing about 1.0.16.
   */
  private static FleetAnswers.FleetDecision applying(
      Map<String, FleetAnswers.FleetDecision> decisions, FleetAnswers.CapableServer r, String cls) {
    List<String> keys = new ArrayList<>(List.of("class:" + cls + "@"));
    if (r.purl() != null) {
      if (r.version() != null) {
        keys.add(r.purl() + "@" + r.version());
      }
      keys.add(r.purl() + "@");
    }
    keys.add("server:" + r.serverName() + "@");
    for (String k : keys) {
      FleetAnswers.FleetDecision d = decisions.get(k);
      if (d != null && "denied".equals(d.decision())) {
        return d;
      }
    }
    keys.add(keys.remove(0));
    for (String k : keys) {
      if (decisions.containsKey(k)) {
        return decisions.get(k);
      }
    }
    return null;
  }

  /**
   * Whether one of a server's open findings is about this class. Agents raise one finding per
   * server and class and name the class id in its title ("... (email-send) and has no approval"); a
   * finding that names no known class is taken to be about every class of its server.
   */
  private static boolean namesClass(List<String> titles, String cls) {
    if (titles == null) {
      return false;
    }
    for (String t : titles) {
      if (t.contains("(" + cls + ")")
          || CapabilityClasses.ids().stream().noneMatch(id -> t.contains("(" + id + ")"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The titles of the open unapproved-capability findings of the page's devices, by node and
   * server.
   */
  private static Map<String, List<String>> waiting(Connection c, List<String> ids)
      throws SQLException {
    Map<String, List<String>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Object> args = new ArrayList<>(ids);
    args.add(UNAPPROVED_RULE);
    for (Waiting f :
        Rows.list(
            c,
            Waiting.class,
            "SELECT node_id AS \"nodeId\", server_id AS \"serverId\","
                + " title AS \"title\" FROM findings"
                + " WHERE node_id IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?"))
                + ")"
                + " AND rule = ? AND status = 'open'",
            args.toArray())) {
      out.computeIfAbsent(f.nodeId() + "\n" + f.serverId(), k -> new ArrayList<>()).add(f.title());
    }
    return out;
  }
}
