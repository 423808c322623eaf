package dev.daylight.ui;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.Transport;
import dev.daylight.ui.data.DaylightData;
import dev.daylight.ui.data.FindingItem;
import dev.daylight.ui.data.Overview;
import dev.daylight.ui.data.ServerCapabilities;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.data.ServerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test data source: an in-memory store with the seed incident (postmark-mcp 1.0.16 in Cursor)
 * beside ordinary servers. Acknowledge and scan change it like the real store would.
 */
public final class InMemoryData implements DaylightData {
  public static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  public static final String POSTMARK_FINDING = "f-malicious-postmark";
  public static final String CURSOR_CONFIG = "/home/ada/.cursor/mcp.json";

  private final List<ServerRow> servers = new CopyOnWriteArrayList<>();
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final Set<String> acknowledged =
      java.util.Collections.synchronizedSet(new LinkedHashSet<>());
  private final AtomicLong marker = new AtomicLong(1);
  public final List<FindingItem> hostFindings = new CopyOnWriteArrayList<>();
  public final AtomicInteger loads = new AtomicInteger();
  public final AtomicInteger scans = new AtomicInteger();
  public final List<String> acknowledgeCalls = new CopyOnWriteArrayList<>();
  public volatile RuntimeException scanFailure;
  public volatile List<ServerRow> afterScan = List.of();
  public volatile boolean neverScanned;
  public volatile ScanHook scanHook = () -> {};

  /** Runs inside a scan, so a test can hold the scan open. */
  @FunctionalInterface
  public interface ScanHook {
    void during() throws InterruptedException;
  }

  public static InMemoryData seeded() {
    InMemoryData d = new InMemoryData();
    d.servers.add(postmark());
    d.servers.add(
        row(
            "s-github",
            "claude-desktop",
            "github",
            new PackageRef(
                "pkg:npm/%40modelcontextprotocol/server-github@2025.4.8",
                "npm", "@modelcontextprotocol/server-github", "2025.4.8", true, "command-pin"),
            ServerStatus.APPROVED,
            "/home/ada/.config/Claude/claude_desktop_config.json",
            4,
            "npx -y @modelcontextprotocol/server-github@2025.4.8",
            List.of()));
    d.servers.add(
        row(
            "s-fs",
            "vscode",
            "files",
            new PackageRef(
                "pkg:npm/%40modelcontextprotocol/server-filesystem",
                "npm", "@modelcontextprotocol/server-filesystem", "2025.7.1", false, "cache"),
            ServerStatus.UNREVIEWED,
            "/home/ada/.config/Code/User/mcp.json",
            3,
            "npx -y @modelcontextprotocol/server-filesystem /",
            List.of(
                finding(
                    "f-broad-fs",
                    "broad-filesystem",
                    Severity.MEDIUM,
                    "Filesystem server rooted at /",
                    "s-fs",
                    null,
                    "/home/ada/.config/Code/User/mcp.json",
                    5,
                    "\"/\"",
                    "Limit the server to the project folders it needs."))));
    d.servers.add(
        row(
            "s-remote",
            "claude-code",
            "docs",
            null,
            ServerStatus.UNREVIEWED,
            "/home/ada/.claude.json",
            12,
            "https://docs.example.com/mcp?token=<redacted:3f9a1c>",
            List.of()));
    d.clients.add(
        new Client(
            "cursor",
            "Cursor",
            "app",
            "1.7.2",
            List.of(
                new Evidence(
                    "app", "/usr/share/applications/cursor.desktop", null, "desktop entry")),
            "ada"));
    d.clients.add(
        new Client(
            "ollama",
            "Ollama",
            "model-runtime",
            "0.12.3",
            List.of(
                new Evidence("port", null, null, "listening on 127.0.0.1:11434"),
                new Evidence("path", "/usr/local/bin/ollama", null, null)),
            "ada"));
    return d;
  }

  public static ServerRow postmark() {
    return row(
        "s-postmark",
        "cursor",
        "postmark",
        new PackageRef("pkg:npm/postmark-mcp", "npm", "postmark-mcp", "1.0.16", false, "cache"),
        ServerStatus.MALICIOUS,
        CURSOR_CONFIG,
        3,
        "npx -y postmark-mcp (env POSTMARK_TOKEN=<redacted:9c41e2>)",
        List.of(
            finding(
                POSTMARK_FINDING,
                "malicious-package",
                Severity.CRITICAL,
                "postmark-mcp 1.0.16 is a known malicious package",
                "s-postmark",
                "MAL-2025-47604",
                CURSOR_CONFIG,
                5,
                "npx -y postmark-mcp",
                "Remove the server from the config, rotate the Postmark token, tell IT security.")));
  }

  public static ServerRow row(
      String id,
      String client,
      String name,
      PackageRef pkg,
      ServerStatus status,
      String configPath,
      int line,
      String launch,
      List<FindingItem> findings) {
    return new ServerRow(
        id,
        client,
        name,
        Optional.ofNullable(pkg),
        launch.startsWith("http") ? Transport.HTTP : Transport.STDIO,
        status,
        T0,
        T0.plusSeconds(3600),
        configPath,
        Optional.of(line),
        launch,
        findings,
        Optional.empty(),
        Optional.empty(),
        ServerCapabilities.unknown("not in this fixture"));
  }

  /** The row as a client that asks before starting servers (Claude Code's projects) reports it. */
  public static ServerRow answered(ServerRow r, Approval approval) {
    return new ServerRow(
        r.serverId(),
        r.client(),
        r.name(),
        r.pkg(),
        r.transport(),
        r.status(),
        r.firstSeen(),
        r.lastSeen(),
        r.configPath(),
        r.line(),
        r.launchLine(),
        r.findings(),
        Optional.of(approval),
        r.blockedBy(),
        r.capabilities());
  }

  /** The row as the agent reports a server its client's policy will not start. */
  public static ServerRow blocked(ServerRow r, String reason) {
    return new ServerRow(
        r.serverId(),
        r.client(),
        r.name(),
        r.pkg(),
        r.transport(),
        r.status(),
        r.firstSeen(),
        r.lastSeen(),
        r.configPath(),
        r.line(),
        r.launchLine(),
        r.findings(),
        r.approval(),
        Optional.of(reason),
        r.capabilities());
  }

  public static FindingItem finding(
      String id,
      String rule,
      Severity severity,
      String title,
      String serverId,
      String advisory,
      String file,
      int line,
      String text,
      String remediation) {
    return new FindingItem(
        new Finding(
            id,
            rule,
            severity,
            title,
            serverId,
            null,
            advisory,
            Evidence.file(file, line, text),
            remediation,
            null),
        false,
        T0);
  }

  /** Replaces the stored servers, as a daemon scan would, and moves the change marker. */
  public void store(List<ServerRow> rows) {
    servers.clear();
    servers.addAll(rows);
    marker.incrementAndGet();
  }

  public List<ServerRow> servers() {
    return List.copyOf(servers);
  }

  @Override
  public Overview load() {
    loads.incrementAndGet();
    List<ServerRow> rows = new ArrayList<>();
    for (ServerRow r : servers) {
      List<FindingItem> items =
          r.findings().stream()
              .map(
                  f ->
                      new FindingItem(
                          f.finding(),
                          f.acknowledged() || acknowledged.contains(f.id()),
                          f.openedAt()))
              .toList();
      rows.add(
          new ServerRow(
              r.serverId(),
              r.client(),
              r.name(),
              r.pkg(),
              r.transport(),
              r.status(),
              r.firstSeen(),
              r.lastSeen(),
              r.configPath(),
              r.line(),
              r.launchLine(),
              items,
              r.approval(),
              r.blockedBy(),
              r.capabilities()));
    }
    List<FindingItem> host =
        hostFindings.stream()
            .map(
                f ->
                    new FindingItem(
                        f.finding(),
                        f.acknowledged() || acknowledged.contains(f.id()),
                        f.openedAt()))
            .toList();
    return new Overview(
        rows, List.copyOf(clients), host, neverScanned ? Optional.empty() : Optional.of(T0));
  }

  @Override
  public long changeMarker() {
    return marker.get();
  }

  @Override
  public void acknowledge(String findingId) {
    acknowledgeCalls.add(findingId);
    acknowledged.add(findingId);
    marker.incrementAndGet();
  }

  @Override
  public void scan(ScanProgress progress) {
    scans.incrementAndGet();
    progress.update(0.5, "Reading config files");
    try {
      scanHook.during();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scan interrupted", e);
    }
    if (scanFailure != null) {
      throw scanFailure;
    }
    if (!afterScan.isEmpty()) {
      store(afterScan);
    }
    neverScanned = false;
    progress.update(1.0, "Stored");
  }
}
