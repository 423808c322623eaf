package dev.daylight.collector.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.daylight.collector.store.MultiRow;
import dev.daylight.collector.store.Statements;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps {@code server_capabilities}, one row per device server and class, in step with the latest
 * view. A server's classes are its own ({@code servers[].capabilities}); an agent that reports
 * classes only per package gets its server's package's ({@code packages[].capabilities}), from the
 * same snapshot or, for a server a delta adds, from what the last snapshot stored.
 */
final class ServerClasses {
  /** Class ids are short words; anything else is not stored (the query only asks known ids). */
  private static final Pattern CLASS_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private static final int MAX_CLASSES = 32;
  private static final MultiRow ROWS =
      new MultiRow(
          "INSERT INTO server_capabilities (node_id, server_id, cap_class, evidence) VALUES ",
          "(?,?,?,?)",
          " ON CONFLICT (node_id, server_id, cap_class) DO UPDATE SET evidence = excluded.evidence");
  private static final TypeReference<List<Capability>> LIST = new TypeReference<>() {};

  private ServerClasses() {}

  /**
   * The snapshot's servers, each without classes of its own given its package's: the installed
   * package of the same purl and version, or for a server of no pinned version every installed
   * version's classes together (npx runs whichever the cache holds).
   */
  static List<McpServer> withPackageClasses(
      Collection<McpServer> servers, Collection<InstalledPackage> pkgs) {
    List<McpServer> out = new ArrayList<>(servers.size());
    for (McpServer s : servers) {
      List<Capability> found =
          s.capabilities() != null || s.pkg() == null
              ? null
              : packageClasses(Purls.base(s.pkg().purl()), LatestView.versionOf(s.pkg()), pkgs);
      out.add(found == null ? s : s.toBuilder().capabilities(found, null).build());
    }
    return out;
  }

  private static List<Capability> packageClasses(
      String base, String version, Collection<InstalledPackage> pkgs) {
    List<List<Capability>> found = new ArrayList<>();
    for (InstalledPackage p : pkgs) {
      if (p.capabilities() == null || !Purls.base(p.purl()).equals(base)) {
        continue;
      }
      String v = p.version() != null ? p.version() : Purls.version(p.purl()).orElse(null);
      if (version == null || version.equals(v)) {
        found.add(p.capabilities());
      }
    }
    return union(found);
  }

  /** The classes of all {@code lists}, the first of each class kept; null when there are none. */
  private static List<Capability> union(List<List<Capability>> lists) {
    if (lists.isEmpty()) {
      return null;
    }
    Map<String, Capability> union = new LinkedHashMap<>();
    lists.forEach(l -> l.forEach(c -> union.putIfAbsent(c.cls(), c)));
    return List.copyOf(union.values());
  }

  /** The package's classes as stored with it, JSON, or null when its agent read none. */
  static String packageJson(InstalledPackage p) {
    return p.capabilities() == null ? null : LatestView.json(p.capabilities());
  }

  /** After a snapshot: the node's class rows are exactly its servers'. */
  static void replaceNode(Connection c, String node, Collection<McpServer> servers)
      throws SQLException {
    LatestView.exec(c, "DELETE FROM server_capabilities WHERE node_id = ?", node);
    List<Object[]> rows = new ArrayList<>();
    for (McpServer s : servers) {
      rows(node, s.id(), s.capabilities(), rows);
    }
    ROWS.execute(c, rows, v -> v[1] + "\n" + v[2]);
  }

  /** A delta's change of one server: {@code server} null when the delta removed it. */
  record Change(String node, String serverId, McpServer server) {}

  /**
   * After a run of deltas: each changed server's rows, from itself or from its package as last
   * stored; the last change of a server in the run wins. A few statements for the whole run, not
   * two or three per report: each is a round trip on PostgreSQL.
   */
  static void replaceServers(Connection c, List<Change> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    Map<List<String>, Change> last = new LinkedHashMap<>();
    for (Change ch : changes) {
      List<String> key = List.of(ch.node(), ch.serverId());
      last.remove(key);
      last.put(key, ch);
    }
    PreparedStatement delete =
        Statements.prepare(
            c, "DELETE FROM server_capabilities WHERE node_id = ? AND server_id = ?");
    for (List<String> key : last.keySet()) {
      delete.setString(1, key.get(0));
      delete.setString(2, key.get(1));
      delete.addBatch();
    }
    delete.executeBatch();
    StoredPackages stored = StoredPackages.read(c, last.values());
    List<Object[]> rows = new ArrayList<>();
    for (Change ch : last.values()) {
      McpServer s = ch.server();
      if (s == null) {
        continue;
      }
      List<Capability> caps = s.capabilities();
      if (caps == null && s.pkg() != null) {
        caps = stored.classes(ch.node(), Purls.base(s.pkg().purl()), LatestView.versionOf(s.pkg()));
      }
      rows(ch.node(), s.id(), caps, rows);
    }
    ROWS.execute(c, rows, v -> v[0] + "\n" + v[1] + "\n" + v[2]);
  }

  /** The capabilities stored with the installed packages the changed servers run, read at once. */
  private record StoredPackages(List<Stored> rows) {
    private static final int KEYS = 64;

    private record Stored(String node, String purl, String version, List<Capability> classes) {}

    static StoredPackages read(Connection c, Collection<Change> changes) throws SQLException {
      Set<List<String>> keys = new LinkedHashSet<>();
      for (Change ch : changes) {
        McpServer s = ch.server();
        if (s != null && s.capabilities() == null && s.pkg() != null) {
          keys.add(List.of(ch.node(), Purls.base(s.pkg().purl())));
        }
      }
      List<Stored> rows = new ArrayList<>();
      List<List<String>> all = new ArrayList<>(keys);
      for (int from = 0; from < all.size(); from += KEYS) {
        List<List<String>> chunk = all.subList(from, Math.min(all.size(), from + KEYS));
        PreparedStatement ps =
            Statements.prepare(
                c,
                "SELECT node_id, purl, version, capabilities FROM device_packages"
                    + " WHERE capabilities IS NOT NULL AND (node_id, purl) IN ("
                    + "(?,?),".repeat(chunk.size() - 1)
                    + "(?,?))");
        int i = 1;
        for (List<String> k : chunk) {
          ps.setString(i++, k.get(0));
          ps.setString(i++, k.get(1));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(
                new Stored(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Json.mapper().readValue(rs.getString(4), LIST)));
          }
        } catch (IOException e) {
          throw new SQLException("stored package capabilities are not JSON", e);
        }
      }
      return new StoredPackages(rows);
    }

    /** Every matching version's classes together (all versions when {@code version} is null). */
    List<Capability> classes(String node, String base, String version) {
      List<List<Capability>> found = new ArrayList<>();
      for (Stored r : rows) {
        if (r.node().equals(node)
            && r.purl().equals(base)
            && (version == null || version.equals(r.version()))) {
          found.add(r.classes());
        }
      }
      return union(found);
    }
  }

  private static void rows(
      String node, String serverId, List<Capability> caps, List<Object[]> out) {
    if (caps == null) {
      return;
    }
    int n = 0;
    for (Capability cap : caps) {
      if (cap != null && CLASS_ID.matcher(cap.cls()).matches() && n++ < MAX_CLASSES) {
        out.add(
            new Object[] {
              node,
              serverId,
              cap.cls(),
              cap.evidence() == null ? null : LatestView.json(cap.evidence())
            });
      }
    }
  }
}
