package dev.daylight.collector.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
  private static final List<String> KEY = List.of("nodeId", "serverId");

  private final Database db;

  CapabilityServers(Database db) {
    this.db = db;
  }

  Map<String, Object> servers(String capability, String cursor, int limit, long now)
      throws SQLException {
    String cls = CapabilityClasses.require(capability, "capability");
    List<Object> after = Cursor.decode(cursor, KEY.size());
    List<Object> args = new ArrayList<>(List.of(cls));
    String keyset = "";
    if (after != null) {
      keyset = " AND (sc.node_id, sc.server_id) > (?, ?)";
      args.add(after.get(0));
      args.add(after.get(1));
    }
    args.add(limit + 1);
    try (Connection c = db.read()) {
      List<Map<String, Object>> rows =
          Rows.query(
              c,
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
              args.toArray());
      Map<String, Object> out = Cursor.page("servers", rows, limit, KEY);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> page = (List<Map<String, Object>>) out.get("servers");
      nodeFacts(c, page);
      Map<String, Map<String, Object>> decisions = decisions(c, page, cls);
      Map<String, List<String>> waiting = waiting(c, page);
      for (Map<String, Object> r : page) {
        r.put("capability", cls);
        r.put(
            "package",
            r.get("purl") == null
                ? null
                : PackagePages.displayName((String) r.get("purl"))
                    + (r.get("version") == null ? "" : "@" + r.get("version")));
        r.put("evidence", evidence((String) r.get("evidence")));
        Map<String, Object> d = applying(decisions, r, cls);
        boolean open = namesClass(waiting.get(r.get("nodeId") + "\n" + r.get("serverId")), cls);
        r.put("fleetDecision", d);
        r.put("unapprovedFinding", open);
        r.put(
            "approvalState",
            d != null
                ? (String) d.get("decision")
                : open ? "awaiting-approval" : "no-fleet-decision");
      }
      UsageQueries.decorate(c, page, now);
      return out;
    }
  }

  /**
   * Adds each of a device's servers' {@code capabilities} ({@code [{class, evidence}]}), or null
   * and {@code capabilitiesWhy} when nobody could say (never an empty list that would read
   * "harmless").
   */
  static void decorateDevice(Connection c, String nodeId, List<Map<String, Object>> servers)
      throws SQLException {
    Map<Object, List<Map<String, Object>>> classes = new HashMap<>();
    for (Map<String, Object> r :
        Rows.query(
            c,
            "SELECT server_id AS \"id\", cap_class AS \"class\","
                + " evidence AS \"evidence\" FROM server_capabilities WHERE node_id = ? ORDER BY server_id, cap_class",
            nodeId)) {
      Map<String, Object> cap = new LinkedHashMap<>();
      cap.put("class", r.get("class"));
      cap.put("evidence", evidence((String) r.get("evidence")));
      classes.computeIfAbsent(r.get("id"), k -> new ArrayList<>()).add(cap);
    }
    Map<Object, Object> why = new HashMap<>();
    for (Map<String, Object> r :
        Rows.query(
            c,
            "SELECT server_id AS \"id\", capabilities_why AS \"why\""
                + " FROM device_servers WHERE node_id = ? AND capabilities_why IS NOT NULL",
            nodeId)) {
      why.put(r.get("id"), r.get("why"));
    }
    for (Map<String, Object> s : servers) {
      List<Map<String, Object>> mine = classes.get(s.get("id"));
      boolean unknown = mine == null && why.containsKey(s.get("id"));
      s.put("capabilities", unknown ? null : mine == null ? List.of() : mine);
      s.put("capabilitiesWhy", unknown ? why.get(s.get("id")) : null);
    }
  }

  /** Host name, OS and owner: the account whose home holds the server, else the device's owner. */
  private static void nodeFacts(Connection c, List<Map<String, Object>> page) throws SQLException {
    List<Object> ids = page.stream().map(r -> r.get("nodeId")).distinct().toList();
    Map<Object, Map<String, Object>> nodes = new HashMap<>();
    if (!ids.isEmpty()) {
      for (Map<String, Object> n :
          Rows.query(
              c,
              "SELECT node_id AS \"nodeId\", hostname AS \"hostname\","
                  + " owner AS \"owner\", os AS \"os\" FROM nodes WHERE node_id IN ("
                  + String.join(",", Collections.nCopies(ids.size(), "?"))
                  + ")",
              ids.toArray())) {
        nodes.put(n.get("nodeId"), n);
      }
    }
    for (int i = 0; i < page.size(); i++) {
      Map<String, Object> r = page.get(i);
      Map<String, Object> n = nodes.getOrDefault(r.get("nodeId"), Map.of());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("nodeId", r.get("nodeId"));
      out.put("hostname", n.get("hostname"));
      Object osUser = r.remove("osUser");
      out.put("owner", osUser != null ? osUser : n.get("owner"));
      out.put("os", n.get("os"));
      out.putAll(r);
      page.set(i, out);
    }
  }

  /**
   * The decisions on the page's packages, server names and the class, keyed {@code
   * subject@version}.
   */
  private static Map<String, Map<String, Object>> decisions(
      Connection c, List<Map<String, Object>> page, String cls) throws SQLException {
    Set<String> subjects = new HashSet<>(Set.of("class:" + cls));
    for (Map<String, Object> r : page) {
      if (r.get("purl") != null) {
        subjects.add((String) r.get("purl"));
      }
      subjects.add("server:" + r.get("serverName"));
    }
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (Map<String, Object> d :
        Rows.query(
            c,
            "SELECT subject AS \"subject\", version AS \"version\","
                + " decision AS \"decision\", decided_by AS \"by\", reason AS \"reason\", decided_at AS \"decidedAt\""
                + " FROM policy_entries WHERE subject IN ("
                + String.join(",", Collections.nCopies(subjects.size(), "?"))
                + ")",
            subjects.toArray())) {
      String v = (String) d.get("version");
      d.put("version", v.isEmpty() ? null : v);
      out.put(d.get("subject") + "@" + v, d);
    }
    return out;
  }

  /**
   * The decision that applies, read as agents read it: a denial of the class, the package (this
   * version or all) or the server wins over any approval; else an approval of the package's
   * version, all its versions, the server's name or the class, the most specific shown. A
   * version-scoped approval of postmark-mcp 1.0.15 says nothing about 1.0.16.
   */
  private static Map<String, Object> applying(
      Map<String, Map<String, Object>> decisions, Map<String, Object> r, String cls) {
    List<String> keys = new ArrayList<>(List.of("class:" + cls + "@"));
    if (r.get("purl") != null) {
      if (r.get("version") != null) {
        keys.add(r.get("purl") + "@" + r.get("version"));
      }
      keys.add(r.get("purl") + "@");
    }
    keys.add("server:" + r.get("serverName") + "@");
    for (String k : keys) {
      Map<String, Object> d = decisions.get(k);
      if (d != null && "denied".equals(d.get("decision"))) {
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
  private static Map<String, List<String>> waiting(Connection c, List<Map<String, Object>> page)
      throws SQLException {
    List<Object> ids = page.stream().map(r -> r.get("nodeId")).distinct().toList();
    Map<String, List<String>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Object> args = new ArrayList<>(ids);
    args.add(UNAPPROVED_RULE);
    for (Map<String, Object> f :
        Rows.query(
            c,
            "SELECT node_id AS \"nodeId\", server_id AS \"serverId\","
                + " title AS \"title\" FROM findings"
                + " WHERE node_id IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?"))
                + ")"
                + " AND rule = ? AND status = 'open'",
            args.toArray())) {
      out.computeIfAbsent(f.get("nodeId") + "\n" + f.get("serverId"), k -> new ArrayList<>())
          .add((String) f.get("title"));
    }
    return out;
  }

  private static JsonNode evidence(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      return null;
    }
  }
}
