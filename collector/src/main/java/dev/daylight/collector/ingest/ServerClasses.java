package dev.daylight.collector.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.daylight.collector.store.MultiRow;
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
import java.util.List;
import java.util.Map;
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
    Map<String, Capability> union = new LinkedHashMap<>();
    boolean any = false;
    for (InstalledPackage p : pkgs) {
      if (p.capabilities() == null || !Purls.base(p.purl()).equals(base)) {
        continue;
      }
      String v = p.version() != null ? p.version() : Purls.version(p.purl()).orElse(null);
      if (version == null || version.equals(v)) {
        any = true;
        p.capabilities().forEach(c -> union.putIfAbsent(c.cls(), c));
      }
    }
    return any ? List.copyOf(union.values()) : null;
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

  /**
   * After a delta added or changed a server: its rows, from itself or its package as last stored.
   */
  static void replaceServer(Connection c, String node, McpServer s) throws SQLException {
    deleteServer(c, node, s.id());
    List<Capability> caps = s.capabilities();
    if (caps == null && s.pkg() != null) {
      caps =
          storedPackageClasses(c, node, Purls.base(s.pkg().purl()), LatestView.versionOf(s.pkg()));
    }
    List<Object[]> rows = new ArrayList<>();
    rows(node, s.id(), caps, rows);
    ROWS.execute(c, rows, v -> v[2]);
  }

  static void deleteServer(Connection c, String node, String serverId) throws SQLException {
    LatestView.exec(
        c, "DELETE FROM server_capabilities WHERE node_id = ? AND server_id = ?", node, serverId);
  }

  private static List<Capability> storedPackageClasses(
      Connection c, String node, String base, String version) throws SQLException {
    Map<String, Capability> union = new LinkedHashMap<>();
    boolean any = false;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT capabilities FROM device_packages"
                + " WHERE node_id = ? AND purl = ?"
                + (version == null ? "" : " AND version = ?"))) {
      ps.setString(1, node);
      ps.setString(2, base);
      if (version != null) {
        ps.setString(3, version);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String json = rs.getString(1);
          if (json != null) {
            any = true;
            for (Capability cap : Json.mapper().readValue(json, LIST)) {
              union.putIfAbsent(cap.cls(), cap);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new SQLException("stored package capabilities are not JSON", e);
    }
    return any ? List.copyOf(union.values()) : null;
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
