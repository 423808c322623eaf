package dev.daylight.collector.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.daylight.collector.ApiException;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import dev.daylight.identity.Purls;
import dev.daylight.identity.VersionRange;
import dev.daylight.protocol.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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

  private static final int KEY_SIZE = 5;

  /**
   * Up to this many accepted versions are one placeholder each; more are one JSON array: the list
   * is bound twice and pgjdbc binds at most 65,535 values, while a package of the fleet may have
   * tens of thousands of versions (each device's own build of it, or a hostile agent's).
   */
  private static final int IN_LIST_MAX = 1000;

  /** The {@code IN} test for {@code n} accepted versions, bound by {@link #versionArgs}. */
  private String in(int n) {
    if (n <= IN_LIST_MAX) {
      return " IN (" + String.join(",", Collections.nCopies(n, "?")) + ")";
    }
    return db.dialect() == Database.Dialect.POSTGRESQL
        ? " IN (SELECT value FROM json_array_elements_text(CAST(? AS json)))"
        : " IN (SELECT value FROM json_each(?))";
  }

  private static List<Object> versionArgs(List<String> accepted) {
    if (accepted.size() <= IN_LIST_MAX) {
      return List.copyOf(accepted);
    }
    try {
      return List.of(Json.mapper().writeValueAsString(accepted));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a list of strings always writes
    }
  }

  /** A matching row: its node, the account whose home holds it, what it is; the match count. */
  private record Hit(String nodeId, String osUser, FleetAnswers.Holding holding, long total) {}

  private record Version(String v) {}

  private final Database db;

  Incident(Database db) {
    this.db = db;
  }

  /**
   * Every device whose latest inventory holds the package: as a server's package or installed on
   * disk. A version in the purl or a range narrows it; rows of unknown version match no range.
   */
  FleetAnswers.IncidentList devices(String purl, Optional<String> range, String cursor, int limit)
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
    List<Object> after = Cursor.decode(cursor, KEY_SIZE);
    String collate = db.dialect() == Database.Dialect.POSTGRESQL ? " COLLATE \"C\"" : "";
    List<Hit> hits;
    long total;
    List<FleetAnswers.IncidentRow> rows;
    try (Connection c = db.read()) {
      // The range is the ecosystem's, not SQL's: judge each version the fleet runs once, in Java,
      // and let the database page through the rows of the accepted ones.
      String matching = ROWS;
      List<Object> args = new ArrayList<>();
      if (narrowed) {
        List<String> accepted = new ArrayList<>();
        for (Version v : Rows.list(c, Version.class, VERSIONS, base, base)) {
          String version = v.v();
          if (version != null && !version.isEmpty() && accept.test(version)) {
            accepted.add(version);
          }
        }
        if (accepted.isEmpty()) {
          return new FleetAnswers.IncidentList(List.of(), null, 0);
        }
        String in = in(accepted.size());
        List<Object> versions = versionArgs(accepted);
        matching =
            matching
                .replace("{serverVersions}", " AND COALESCE(s.version, '')" + in)
                .replace("{packageVersions}", " AND p.version" + in);
        args.add(base);
        args.addAll(versions);
        args.add(base);
        args.addAll(versions);
      } else {
        matching = matching.replace("{serverVersions}", "").replace("{packageVersions}", "");
        args.add(base);
        args.add(base);
      }
      // One pass over the matching rows, each with its host name (one primary-key probe), kept
      // (MATERIALIZED) so the count and the page read it instead of the tables twice.
      String sql =
          "WITH k AS MATERIALIZED (SELECT r.*, COALESCE((SELECT n.hostname FROM nodes n"
              + " WHERE n.node_id = r.\"nodeId\"), '') AS k_h FROM ("
              + matching
              + ") r)"
              + " SELECT k.*, (SELECT COUNT(*) FROM k) AS \"total\" FROM k";
      int rowArgs = args.size();
      if (after != null) {
        sql += " WHERE (" + KEY + ") > (?, ?, ?, ?, ?)";
        for (Object part : after) {
          args.add(keyPart(part));
        }
      }
      sql += " ORDER BY " + KEY + " LIMIT ?";
      args.add(limit + 1);
      hits = Rows.list(c, Hit.class, sql.replace("{C}", collate), args.toArray());
      if (!hits.isEmpty()) {
        total = hits.get(0).total();
      } else {
        // Past the last row (or no row at all): count apart.
        total =
            after == null
                ? 0
                : Rows.count(
                    c,
                    "SELECT COUNT(*) FROM (" + matching + ") r",
                    args.subList(0, rowArgs).toArray());
      }
      Map<String, FleetAnswers.NodeFacts> nodes =
          Nodes.byId(c, hits.stream().map(Hit::nodeId).distinct().toList());
      UsageQueries.Ledger usage =
          UsageQueries.ledger(
              c,
              hits.stream().filter(h -> h.holding().client() != null).map(Hit::nodeId).toList(),
              System.currentTimeMillis());
      rows = new ArrayList<>();
      for (Hit h : hits) {
        FleetAnswers.Holding held = unknownVersionAsNull(h.holding());
        rows.add(
            new FleetAnswers.IncidentRow(
                Nodes.of(nodes, h.nodeId(), h.osUser()),
                held,
                usage.of(h.nodeId(), held.client(), held.serverName(), held.firstSeen())));
      }
    }
    var page =
        Cursor.page(
            rows,
            limit,
            r ->
                Arrays.asList(
                    r.node().hostname(),
                    r.node().nodeId(),
                    r.holding().client(),
                    r.holding().serverName(),
                    r.holding().version()));
    return new FleetAnswers.IncidentList(page.rows(), page.next(), total);
  }

  /** The sort key reads an unknown version as ''; the answer shows it as null. */
  private static FleetAnswers.Holding unknownVersionAsNull(FleetAnswers.Holding h) {
    return !"".equals(h.version())
        ? h
        : new FleetAnswers.Holding(
            h.client(),
            h.enabled(),
            h.approval(),
            h.blockedBy(),
            h.configPath(),
            h.serverName(),
            null,
            h.firstSeen(),
            h.lastSeen());
  }

  private static String keyPart(Object v) {
    return v == null ? "" : v.toString();
  }
}
