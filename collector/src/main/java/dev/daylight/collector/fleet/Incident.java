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
   * Every device row holding a purl, as a configured server's package or installed on disk, each
   * with its node's host name (the list's first sort key). {@code {versions}} narrows both halves
   * to the versions the range accepts. The host name is one primary-key probe a matching row: a
   * join made PostgreSQL hash every node of the fleet (figures in docs/PERFORMANCE.md, "Fleet
   * console"); the other node facts are read for the page's rows only.
   */
  private static final String ROWS =
      "SELECT s.node_id AS \"nodeId\", s.os_user AS \"osUser\", s.client AS \"client\", s.enabled AS \"enabled\","
          + " s.approval AS \"approval\", s.blocked_by AS \"blockedBy\", s.config_path AS \"configPath\","
          + " s.server_name AS \"serverName\", s.version AS \"version\", s.first_seen AS \"firstSeen\","
          + " s.last_seen AS \"lastSeen\" FROM device_servers s WHERE s.purl = ?{serverVersions}"
          + " UNION ALL"
          + " SELECT p.node_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, p.version, p.first_seen, p.last_seen"
          + " FROM device_packages p WHERE p.purl = ?{packageVersions}"
          + " AND NOT EXISTS (SELECT 1 FROM device_servers s2 WHERE s2.node_id = p.node_id"
          + " AND s2.purl = p.purl AND COALESCE(s2.version, '') = p.version)";

  /**
   * The sort key, as Java's String order would sort it: PostgreSQL's "C" collation is code-point
   * order.
   */
  private static final String KEY =
      "k_h{C}, \"nodeId\"{C}, COALESCE(\"client\", ''){C},"
          + " COALESCE(\"serverName\", ''){C}, COALESCE(\"version\", ''){C}";

  /** The versions the fleet runs, from the (purl, version) indexes alone where the engine can. */
  private static final String VERSIONS =
      "SELECT DISTINCT version AS v FROM device_servers WHERE purl = ?"
          + " UNION SELECT DISTINCT version FROM device_packages WHERE purl = ?";

  private static final int NODE_CHUNK = 500;

  private static final List<String> INCIDENT_KEY =
      List.of("hostname", "nodeId", "client", "serverName", "version");

  private final Database db;

  Incident(Database db) {
    this.db = db;
  }

  /**
   * Every device whose latest inventory holds the package: as a server's package or installed on
   * disk. A version in the purl or a range narrows it; rows of unknown version match no range.
   */
  Map<String, Object> devices(String purl, Optional<String> range, String cursor, int limit)
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
    List<Object> after = Cursor.decode(cursor, INCIDENT_KEY.size());
    String collate = db.dialect() == Database.Dialect.POSTGRESQL ? " COLLATE \"C\"" : "";
    List<Map<String, Object>> page;
    long total;
    try (Connection c = db.read()) {
      // The range is the ecosystem's, not SQL's: judge each version the fleet runs once, in Java,
      // and let the database page through the rows of the accepted ones.
      String rows = ROWS;
      List<Object> args = new ArrayList<>();
      if (narrowed) {
        List<String> accepted = new ArrayList<>();
        for (Map<String, Object> v : Rows.query(c, VERSIONS, base, base)) {
          String version = (String) v.get("v");
          if (version != null && !version.isEmpty() && accept.test(version)) {
            accepted.add(version);
          }
        }
        if (accepted.isEmpty()) {
          return answer(new ArrayList<>(), limit, 0);
        }
        String in = " IN (" + String.join(",", Collections.nCopies(accepted.size(), "?")) + ")";
        rows =
            rows.replace("{serverVersions}", " AND COALESCE(s.version, '')" + in)
                .replace("{packageVersions}", " AND p.version" + in);
        args.add(base);
        args.addAll(accepted);
        args.add(base);
        args.addAll(accepted);
      } else {
        rows = rows.replace("{serverVersions}", "").replace("{packageVersions}", "");
        args.add(base);
        args.add(base);
      }
      // One pass over the matching rows, each with its host name (one primary-key probe), kept
      // (MATERIALIZED) so the count and the page read it instead of the tables twice.
      String sql =
          "WITH k AS MATERIALIZED (SELECT r.*, COALESCE((SELECT n.hostname FROM nodes n"
              + " WHERE n.node_id = r.\"nodeId\"), '') AS k_h FROM ("
              + rows
              + ") r)"
              + " SELECT k.*, (SELECT COUNT(*) FROM k) AS k_total FROM k";
      int rowArgs = args.size();
      if (after != null) {
        sql += " WHERE (" + KEY + ") > (?, ?, ?, ?, ?)";
        for (Object part : after) {
          args.add(keyPart(part));
        }
      }
      sql += " ORDER BY " + KEY + " LIMIT ?";
      args.add(limit + 1);
      page = Rows.query(c, sql.replace("{C}", collate), args.toArray());
      if (!page.isEmpty()) {
        total = ((Number) page.get(0).get("k_total")).longValue();
      } else {
        // Past the last row (or no row at all): count apart.
        total =
            after == null
                ? 0
                : Rows.count(
                    c, "SELECT COUNT(*) FROM (" + rows + ") r", args.subList(0, rowArgs).toArray());
      }
      for (Map<String, Object> row : page) {
        row.remove("k_h");
        row.remove("k_total");
        if ("".equals(row.get("version"))) {
          row.put("version", null);
        }
      }
      addNodeFacts(c, page);
      UsageQueries.decorate(c, page, System.currentTimeMillis());
    }
    return answer(page, limit, total);
  }

  private static Map<String, Object> answer(List<Map<String, Object>> page, int limit, long total) {
    Map<String, Object> out = Cursor.page("devices", page, limit, INCIDENT_KEY);
    out.put("total", total);
    return out;
  }

  /** Hostname, OS and owner (the account whose home holds the server, else the device's owner). */
  private static void addNodeFacts(Connection c, List<Map<String, Object>> rows)
      throws SQLException {
    List<Object> ids =
        rows.stream().map(r -> r.get("nodeId")).distinct().collect(Collectors.toList());
    Map<Object, Map<String, Object>> nodes = new HashMap<>();
    for (int i = 0; i < ids.size(); i += NODE_CHUNK) {
      List<Object> chunk = ids.subList(i, Math.min(ids.size(), i + NODE_CHUNK));
      for (Map<String, Object> n :
          Rows.query(
              c,
              "SELECT node_id AS \"nodeId\", hostname AS \"hostname\","
                  + " owner AS \"owner\", os AS \"os\" FROM nodes WHERE node_id IN ("
                  + String.join(",", Collections.nCopies(chunk.size(), "?"))
                  + ")",
              chunk.toArray())) {
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
}
