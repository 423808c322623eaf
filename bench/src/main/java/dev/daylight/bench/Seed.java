package dev.daylight.bench;

import dev.daylight.collector.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fills a collector database with simulated devices straight through JDBC (enrolling 100,000 agents
 * over HTTP would measure enrollment, not the query): each device has three servers, one in a
 * hundred runs postmark-mcp 1.0.16 and one in a hundred 1.0.15. Optional third and fourth
 * arguments: servers per device (default 3; more are other packages in a few versions each, for the
 * console's 2-million-row benchmark) and open findings per device (default 0).
 */
public final class Seed {
  private Seed() {}

  public static void main(String[] args) throws Exception {
    String spec = args[0];
    int devices = Integer.parseInt(args[1]);
    int perDevice = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int findingsPerDevice = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    String[] severities = {"critical", "high", "medium", "low", "info"};
    long now = System.currentTimeMillis();
    long t0 = System.nanoTime();
    try (Database db = Database.open(spec);
        Connection c = db.read()) {
      c.setAutoCommit(false);
      try (PreparedStatement node =
              c.prepareStatement(
                  "INSERT INTO nodes (node_id, key_hash, device_id, hostname, os, owner, enrolled_at, last_seen,"
                      + " inventory_at) VALUES (?,?,?,?,?,?,?,?,?)");
          PreparedStatement server =
              c.prepareStatement(
                  "INSERT INTO device_servers (node_id, server_id, client, scope, config_path, server_name, transport,"
                      + " command, purl, ecosystem, pkg_name, version, pinned, first_seen, last_seen, seen_in)"
                      + " VALUES (?,?,?,'user',?,?,'stdio','npx',?,'npm',?,?,1,?,?,'seed')");
          PreparedStatement finding =
              c.prepareStatement(
                  "INSERT INTO findings (node_id, finding_id, rule, severity, title, purl, evidence, remediation, status,"
                      + " first_seen, last_seen, seen_in) VALUES (?,?,?,?,?,?,?,?,'open',?,?,'seed')")) {
        for (int i = 0; i < devices; i++) {
          String id = UUID.randomUUID().toString();
          node.setString(1, id);
          node.setString(2, UUID.randomUUID().toString());
          node.setString(3, "seed-" + i);
          node.setString(4, "host-" + i);
          node.setString(5, "linux");
          node.setString(6, "user" + i + "@example.com");
          node.setLong(7, now);
          node.setLong(8, now);
          node.setLong(9, now);
          node.addBatch();
          String[][] servers = {
            {"github", "@modelcontextprotocol/server-github", "2025.4." + (i % 9)},
            {"filesystem", "@modelcontextprotocol/server-filesystem", "2025.3." + (i % 7)},
            i % 100 == 0
                ? new String[] {"postmark", "postmark-mcp", "1.0.16"}
                : i % 100 == 1
                    ? new String[] {"postmark", "postmark-mcp", "1.0.15"}
                    : new String[] {"playwright", "@playwright/mcp", "0.0." + (i % 40)}
          };
          List<String[]> all = new ArrayList<>(List.of(servers));
          for (int k = 3; k < perDevice; k++) {
            all.add(
                new String[] {"tool-" + k, "seed-tool-" + k, "1." + (k % 5) + "." + ((i + k) % 6)});
          }
          for (int k = 0; k < findingsPerDevice; k++) {
            String sev = severities[(i + k) % severities.length];
            finding.setString(1, id);
            finding.setString(2, "seed-" + k);
            finding.setString(3, k == 0 ? "unpinned" : "seed-rule-" + k);
            finding.setString(4, sev);
            finding.setString(5, "Seeded " + sev + " finding " + k);
            finding.setString(6, "pkg:npm/seed-tool-" + (3 + k) + "@1.0.0");
            finding.setString(
                7,
                "{\"kind\":\"file\",\"file\":\"/home/user"
                    + i
                    + "/.cursor/mcp.json\",\"line\":"
                    + (k + 1)
                    + "}");
            finding.setString(8, "Pin the version");
            finding.setLong(9, now - (i % 1000) * 1000L);
            finding.setLong(10, now - (i % 1000) * 1000L);
            finding.addBatch();
          }
          for (String[] s : all) {
            server.setString(1, id);
            server.setString(2, "cursor:" + s[0]);
            server.setString(3, "cursor");
            server.setString(4, "/home/user" + i + "/.cursor/mcp.json");
            server.setString(5, s[0]);
            String name = s[1].startsWith("@") ? "%40" + s[1].substring(1) : s[1];
            server.setString(6, "pkg:npm/" + name);
            server.setString(7, s[1]);
            server.setString(8, s[2]);
            server.setLong(9, now);
            server.setLong(10, now);
            server.addBatch();
          }
          if (i % 2000 == 1999) {
            node.executeBatch();
            server.executeBatch();
            finding.executeBatch();
            c.commit();
          }
        }
        node.executeBatch();
        server.executeBatch();
        finding.executeBatch();
        c.commit();
      }
      try (var st = c.createStatement()) {
        st.execute("ANALYZE");
      }
      c.commit();
    }
    System.out.printf(
        "seeded %d devices (%d servers, %d findings) in %.1f s%n",
        devices,
        (long) devices * Math.max(3, perDevice),
        (long) devices * findingsPerDevice,
        (System.nanoTime() - t0) / 1e9);
  }
}
