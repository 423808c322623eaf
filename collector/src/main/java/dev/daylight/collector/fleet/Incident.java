package dev.daylight.collector.fleet;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import dev.daylight.identity.Purls;
import dev.daylight.identity.VersionRange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The incident query: who runs a package, in which versions, clients and configs. */
final class Incident {
  /**
   * Every device row holding a purl, as a configured server's package or installed on disk. The
   * node's hostname, owner and OS are read afterwards by primary key for the nodes that matched:
   * joining made PostgreSQL hash every node of the fleet, and one scalar subquery per fact and row
   * cost three probes a row (figures in docs/PERFORMANCE.md, "Fleet console").
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

  Incident(Database db) {
    this.db = db;
  }

  /**
   * Every device whose latest inventory holds the package: as a server's package, or installed
   * on disk. A version in the purl or a range narrows it; rows of unknown version match no range.
   */
  Map<String, Object> devices(String purl, Optional<String> range, String cursor, int limit) throws SQLException {
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
    Map<String, Boolean> verdicts = new HashMap<>();
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
    try (Connection c = db.read()) {
      UsageQueries.decorate(c, page, System.currentTimeMillis());
    }
    Map<String, Object> out = Cursor.page("devices", page, limit, INCIDENT_KEY);
    out.put("total", devices.size());
    return out;
  }

  /** Hostname, OS and owner (the account whose home holds the server, else the device's owner). */
  private static void addNodeFacts(Connection c, List<Map<String, Object>> rows) throws SQLException {
    List<Object> ids = rows.stream().map(r -> r.get("nodeId")).distinct().collect(Collectors.toList());
    Map<Object, Map<String, Object>> nodes = new HashMap<>();
    for (int i = 0; i < ids.size(); i += NODE_CHUNK) {
      List<Object> chunk = ids.subList(i, Math.min(ids.size(), i + NODE_CHUNK));
      for (Map<String, Object> n : Rows.query(c, "SELECT node_id AS \"nodeId\", hostname AS \"hostname\","
          + " owner AS \"owner\", os AS \"os\" FROM nodes WHERE node_id IN ("
          + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")", chunk.toArray())) {
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

  private static final Comparator<Map<String, Object>> INCIDENT_ORDER = (a, b) -> {
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
}
