package dev.daylight.collector;

import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.ChangeType;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.Transport;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Realistic protocol records for tests: the postmark-mcp incident in miniature. */
public final class Fixtures {
  public static final String SECRET = "enroll-secret-for-tests";
  public static final String ADMIN = "admin-token-for-tests";

  private Fixtures() {}

  /**
   * A collector on a free loopback port over {@code dbSpec} ({@code sqlite:FILE} or a PostgreSQL
   * URL) with the tests' enrollment secret and admin token, plain HTTP, no metrics token and no
   * signing key; enrolled agents are told to scan every {@code scanIntervalSeconds}.
   */
  public static Collector.Config loopback(String dbSpec, long scanIntervalSeconds) {
    return new Collector.Config(
        "127.0.0.1", 0, dbSpec, SECRET, ADMIN, null, null, scanIntervalSeconds, null, null);
  }

  public static Host host(String name, String user) {
    return new Host("dev-" + name, name, "linux", "Debian 12", "x86_64", user, "SER-" + name);
  }

  public static McpServer server(String client, String name, String pkg, String version) {
    PackageRef ref =
        pkg == null
            ? null
            : new PackageRef(
                "pkg:npm/" + pkg + (version == null ? "" : "@" + version),
                "npm",
                pkg,
                version,
                version != null,
                version == null ? null : "command-pin");
    return McpServer.builder()
        .id(client + ":" + name)
        .client(client)
        .scope(Scope.USER)
        .configPath("/home/u/.cursor/mcp.json")
        .line(3)
        .name(name)
        .transport(Transport.STDIO)
        .command("npx")
        .args(List.of("-y", pkg == null ? name : pkg))
        .enabled(true)
        .envKeys(List.of("API_KEY"))
        .pkg(ref)
        .build();
  }

  /** A server found in another account's home by an all-users scan. */
  public static McpServer serverOf(
      String osUser, String client, String name, String pkg, String version) {
    McpServer s = server(client, name, pkg, version);
    return s.toBuilder().configPath("/home/" + osUser + "/.cursor/mcp.json").osUser(osUser).build();
  }

  public static Finding finding(String id, Severity severity, String title) {
    return new Finding(id, "unpinned", severity, title, null, null, null, null, "pin it", null);
  }

  public static Inventory inventory(Host host, List<McpServer> servers, List<Finding> findings) {
    return Inventory.builder()
        .schemaVersion(SchemaVersion.CURRENT)
        .scanId(UUID.randomUUID().toString())
        .startedAt(Instant.now())
        .finishedAt(Instant.now())
        .host(host)
        .servers(servers)
        .findings(findings)
        .build();
  }

  public static Report snapshot(String nodeId, Inventory inv) {
    return new Report(
        SchemaVersion.CURRENT,
        UUID.randomUUID().toString(),
        nodeId,
        Instant.now(),
        ReportKind.SNAPSHOT,
        inv,
        List.of(),
        null);
  }

  public static Report delta(String nodeId, List<ChangeEvent> events) {
    return new Report(
        SchemaVersion.CURRENT,
        UUID.randomUUID().toString(),
        nodeId,
        Instant.now(),
        ReportKind.DELTA,
        null,
        events,
        null);
  }

  public static ChangeEvent serverAdded(McpServer s) {
    return new ChangeEvent(
        UUID.randomUUID().toString(),
        ChangeType.SERVER_ADDED,
        Instant.now(),
        null,
        s.id(),
        s.pkg() == null ? null : s.pkg().purl(),
        null,
        "added " + s.name(),
        null,
        Json.mapper().valueToTree(s));
  }
}
