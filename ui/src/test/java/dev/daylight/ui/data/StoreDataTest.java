package dev.daylight.ui.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.Transport;
import dev.daylight.testing.Inventories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter over the agent's real SQLite store. */
class StoreDataTest {
  private static final String CURSOR = Inventories.CURSOR;

  @TempDir Path state;
  @TempDir Path home;
  private Store store;
  private StoreData data;

  @BeforeEach
  void open() {
    store = Store.open(state);
    data = new StoreData(store, Scanner.standard()::scan, ScanContext.forHome(home, Os.LINUX));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aMaliciousPackageShowsAsMaliciousWithItsFindingAndRedactedLaunchLine() {
    McpServer postmark = Inventories.npx("postmark", "postmark-mcp", "1.0.16");
    store.record(Inventories.of(List.of(postmark), List.of(malicious(postmark))));

    Overview overview = data.load();

    assertThat(overview.servers()).hasSize(1);
    ServerRow row = overview.servers().get(0);
    assertThat(row.status()).isEqualTo(ServerStatus.MALICIOUS);
    assertThat(row.packageLabel()).isEqualTo("postmark-mcp@1.0.16");
    assertThat(row.launchLine()).isEqualTo("npx -y postmark-mcp   (env: POSTMARK_TOKEN)");
    assertThat(row.line()).contains(3);
    assertThat(row.findings()).extracting(f -> f.finding().advisory()).contains("MAL-2025-47604");
    assertThat(overview.worstOpen()).contains(Severity.CRITICAL);
    assertThat(overview.clients()).extracting(Client::id).containsExactly("cursor");
    assertThat(overview.lastScan()).isPresent();
  }

  @Test
  void configTextIsShownWithItsControlCharactersVisible() {
    McpServer evil =
        Inventories.npx("evil\n[critical] all clear\u202egnp", "postmark-mcp", "1.0.16");
    store.record(Inventories.of(List.of(evil), List.of(malicious(evil))));

    ServerRow row = data.load().servers().get(0);
    assertThat(row.name()).isEqualTo("evil\\n[critical] all clear\\u202egnp");
    assertThat(row.findings().get(0).finding().id()).isEqualTo("mal-postmark");
    assertThat(row.configPath()).isEqualTo(CURSOR); // exact: it opens the folder
  }

  @Test
  void aReleaseFindingKeepsItsReleaseWithItsTextMadeVisible() {
    McpServer postmark = Inventories.npx("postmark", "postmark-mcp", "1.0.16");
    Finding changed =
        new Finding(
            "release-new-destination:1",
            "release-new-destination",
            Severity.CRITICAL,
            "postmark-mcp 1.0.16 adds a mail recipient",
            postmark.id(),
            postmark.pkg().purl(),
            null,
            null,
            "Do not approve",
            new dev.daylight.protocol.Release(
                "pkg:npm/postmark-mcp",
                "1.0.15",
                "1.0.16\n[ok] nothing changed",
                "destination",
                "mail-recipient",
                "x@example.test",
                "index.js",
                7));
    store.record(Inventories.of(List.of(postmark), List.of(changed)));

    var release = data.load().servers().get(0).findings().get(0).finding().release();
    assertThat(release).isNotNull();
    assertThat(release.to()).isEqualTo("1.0.16\\n[ok] nothing changed");
    assertThat(release.value()).isEqualTo("x@example.test");
  }

  @Test
  void aCriticalFindingCannotBeAcknowledgedAndStaysOpen() {
    McpServer postmark = Inventories.npx("postmark", "postmark-mcp", "1.0.16");
    store.record(Inventories.of(List.of(postmark), List.of(malicious(postmark))));

    assertThatThrownBy(() -> data.acknowledge("mal-postmark")).hasMessageContaining("reviewer");

    assertThat(data.load().openFindings()).anyMatch(f -> f.id().equals("mal-postmark"));
    assertThat(store.status().openBySeverity()).containsEntry(Severity.CRITICAL, 1);
  }

  @Test
  void acknowledgingKeepsTheFindingListedButNotOpenAndMovesTheMarker() {
    McpServer postmark = Inventories.npx("postmark", "postmark-mcp", "1.0.16");
    store.record(Inventories.of(List.of(postmark), List.of(malicious(postmark, Severity.MEDIUM))));
    long before = data.changeMarker();

    data.acknowledge("mal-postmark");

    assertThat(data.changeMarker()).isGreaterThan(before);
    Overview overview = data.load();
    FindingItem item =
        overview.servers().get(0).findings().stream()
            .filter(f -> f.id().equals("mal-postmark"))
            .findFirst()
            .orElseThrow();
    assertThat(item.acknowledged()).isTrue();
    assertThat(overview.openFindings()).noneMatch(f -> f.id().equals("mal-postmark"));
  }

  @Test
  void reviewStateBecomesTheStatus() {
    McpServer github = Inventories.npx("github", "@modelcontextprotocol/server-github", "2025.4.8");
    store.record(Inventories.of(List.of(github), List.of()));
    store.review(github.pkg().purl(), "2025.4.8", ReviewState.APPROVED, "it");

    assertThat(data.load().servers().get(0).status()).isEqualTo(ServerStatus.APPROVED);
  }

  @Test
  void scanNowStoresWhatTheScannerFoundSoARemovedServerDisappears() throws Exception {
    McpServer postmark = Inventories.npx("postmark", "postmark-mcp", "1.0.16");
    store.record(Inventories.of(List.of(postmark), List.of(malicious(postmark))));
    Files.createDirectories(home.resolve(".config"));
    long before = data.changeMarker();
    List<Double> progress = new ArrayList<>();

    data.scan((fraction, message) -> progress.add(fraction));

    assertThat(progress).startsWith(-1.0).endsWith(1.0);
    assertThat(data.changeMarker()).isGreaterThan(before);
    assertThat(data.load().servers()).isEmpty();
  }

  @Test
  void scanNowWithTheAgentsPipelineFindsTheSeedIncidentInAFakeHome() throws Exception {
    Path cursor = Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(
        cursor.resolve("mcp.json"),
        "{\"mcpServers\": {\"postmark\": {\"command\": \"npx\","
            + " \"args\": [\"-y\", \"postmark-mcp\"], \"env\": {\"POSTMARK_TOKEN\": \"pm-canary-not-a-token\"}}}}");
    Path cached = Files.createDirectories(home.resolve(".npm/_npx/c3d4/node_modules/postmark-mcp"));
    Files.writeString(
        cached.resolve("package.json"), "{\"name\":\"postmark-mcp\",\"version\":\"1.0.16\"}");
    StoreData real =
        new StoreData(
            store, AgentScan.pipeline(state), ScanContext.forHome(home, Os.LINUX).withStore(true));

    real.scan((fraction, message) -> {});

    Overview overview = real.load();
    ServerRow row =
        overview.servers().stream()
            .filter(r -> r.name().equals("postmark"))
            .findFirst()
            .orElseThrow();
    assertThat(row.status()).isEqualTo(ServerStatus.MALICIOUS);
    assertThat(row.packageLabel()).isEqualTo("postmark-mcp@1.0.16");
    assertThat(row.findings())
        .anySatisfy(
            f -> {
              assertThat(f.finding().rule()).isEqualTo("malicious-package");
              assertThat(f.finding().advisory()).isEqualTo("MAL-2025-47604");
            });
    assertThat(row.launchLine()).doesNotContain("pm-canary-not-a-token");
  }

  @Test
  void claudeCodeProjectServersCarryTheApprovalAndPolicyBlockTheScanReadAndStillTheirFindings()
      throws Exception {
    Path project = Files.createDirectories(home.resolve("code/shop"));
    Files.writeString(
        project.resolve(".mcp.json"),
        "{\"mcpServers\": {"
            + "\"mail\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp\"]},"
            + "\"banned\": {\"command\": \"npx\", \"args\": [\"-y\", \"banned-mcp\"]},"
            + "\"old\": {\"command\": \"npx\", \"args\": [\"-y\", \"old-mcp\"]}}}");
    Files.createDirectories(project.resolve(".claude"));
    Files.writeString(
        project.resolve(".claude/settings.json"),
        "{\"deniedMcpServers\": [{\"serverName\": \"banned\"}]}");
    Files.writeString(
        home.resolve(".claude.json"),
        "{\"projects\": {\"" + project + "\": {\"disabledMcpjsonServers\": [\"old\"]}}}");
    Path cached = Files.createDirectories(home.resolve(".npm/_npx/c3d4/node_modules/postmark-mcp"));
    Files.writeString(
        cached.resolve("package.json"), "{\"name\":\"postmark-mcp\",\"version\":\"1.0.16\"}");
    StoreData real =
        new StoreData(
            store, AgentScan.pipeline(state), ScanContext.forHome(home, Os.LINUX).withStore(true));

    real.scan((fraction, message) -> {});

    List<ServerRow> rows = real.load().servers();
    ServerRow mail = rows.stream().filter(r -> r.name().equals("mail")).findFirst().orElseThrow();
    assertThat(mail.approval()).contains(Approval.PENDING);
    assertThat(mail.status())
        .as("a pending server is still judged")
        .isEqualTo(ServerStatus.MALICIOUS);
    assertThat(
            rows.stream().filter(r -> r.name().equals("old")).findFirst().orElseThrow().approval())
        .contains(Approval.REFUSED);
    assertThat(mail.blockedBy()).isEmpty();
    assertThat(
            rows.stream()
                .filter(r -> r.name().equals("banned"))
                .findFirst()
                .orElseThrow()
                .blockedBy())
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("denied by deniedMcpServers serverName \"banned\""));
  }

  @Test
  void aServerNoClientAsksAboutHasNoApproval() {
    store.record(
        Inventories.of(
            List.of(Inventories.npx("github", "@modelcontextprotocol/server-github", "2025.4.8")),
            List.of()));

    assertThat(data.load().servers().get(0).approval()).isEmpty();
  }

  @Test
  void remoteServersShowTheirStoredUrlAndHeaderNames() {
    McpServer remote =
        McpServer.builder()
            .id("cursor|" + CURSOR + "|docs")
            .client("cursor")
            .scope(Scope.USER)
            .configPath(CURSOR)
            .line(9)
            .name("docs")
            .transport(Transport.HTTP)
            .url("https://docs.example.com/mcp?key=<redacted:ab12>")
            .enabled(true)
            .headerKeys(List.of("Authorization"))
            .build();

    assertThat(StoreData.launchLine(remote))
        .isEqualTo("https://docs.example.com/mcp?key=<redacted:ab12>   (headers: Authorization)");
  }

  private static Finding malicious(McpServer s) {
    return malicious(s, Severity.CRITICAL);
  }

  private static Finding malicious(McpServer s, Severity severity) {
    return new Finding(
        "mal-postmark",
        "malicious-package",
        severity,
        "postmark-mcp 1.0.16 is malicious",
        s.id(),
        s.pkg().purl(),
        "MAL-2025-47604",
        Evidence.file(CURSOR, 3, "npx -y postmark-mcp"),
        "Remove it and rotate the token.",
        null);
  }
}
