package dev.daylight.agent.discovery;

import static dev.daylight.agent.discovery.FakeHome.named;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.catalog.Catalog.FileSpec;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's allowlists, denylists and managed files, on fixture homes. A fake home has no
 * {@code /etc}, so the catalog's Linux system paths are moved under the home, which is the only
 * change: the same catalog entries, the same discovery.
 */
class ClaudePolicyTest {
  private static final String MANAGED = "etc/claude-code/managed-settings.json";

  @TempDir Path tmp;

  private FakeHome home() {
    return new FakeHome(tmp, Os.LINUX);
  }

  private Discovery.Result scan() {
    return Discovery.run(ScanContext.forHome(tmp, Os.LINUX), managedUnderHome());
  }

  private List<McpServer> claude() {
    return scan().servers().stream().filter(s -> s.client().equals("claude-code")).toList();
  }

  /** Three user servers: a stdio one, a remote one, and one more stdio one. */
  private FakeHome withUserServers() {
    FakeHome h = home();
    h.write(
        ".claude.json",
        """
        {"mcpServers":{
          "gh":{"command":"npx","args":["-y","@github/mcp"]},
          "docs":{"type":"http","url":"https://docs.example.com/mcp"},
          "local":{"command":"node","args":["server.js"]}}}""");
    return h;
  }

  @Test
  void theCatalogPlacesManagedSettingsOnEveryOsAndManagedMcpOnMacos() {
    ClientSpec claude = Catalog.builtIn().client("claude-code").orElseThrow();
    for (String os : List.of("linux", "macos", "windows")) {
      assertThat(claude.settings())
          .as(os)
          .anyMatch(
              f ->
                  f.appliesTo(os)
                      && f.scope().equals("system")
                      && f.path().endsWith("/managed-settings.json"));
    }
    assertThat(claude.files())
        .anyMatch(
            f ->
                f.appliesTo("macos")
                    && !f.appliesTo("linux")
                    && f.path().equals("{systemconfig}/ClaudeCode/managed-mcp.json"));
  }

  @Test
  void aDenylistEntryBeatsAnAllowlistEntryForTheSameServer() throws Exception {
    withUserServers()
        .write(
            MANAGED,
            """
        {"allowedMcpServers":[{"serverName":"gh"},{"serverName":"docs"}],
         "deniedMcpServers":[{"serverName":"gh"}]}""");
    List<McpServer> s = claude();
    assertThat(s).as("blocked servers stay in the inventory").hasSize(3);
    McpServer gh = named(s, "gh");
    assertThat(gh.enabled()).isFalse();
    assertThat(gh.blockedBy())
        .isEqualTo("denied by deniedMcpServers serverName \"gh\" in " + tmp.resolve(MANAGED));
    assertThat(Json.mapper().valueToTree(gh).get("blockedBy").asText())
        .contains("deniedMcpServers");
    assertThat(named(s, "docs").enabled()).isTrue();
    assertThat(named(s, "docs").blockedBy()).isNull();
    assertThat(named(s, "local").blockedBy())
        .startsWith("not allowed by allowedMcpServers in " + tmp.resolve(MANAGED));
  }

  @Test
  void anEmptyAllowlistBlocksEveryClaudeCodeServerAndNoOtherClients() {
    FakeHome h = withUserServers();
    h.write(MANAGED, "{\"allowedMcpServers\":[]}");
    h.write(".cursor/mcp.json", "{\"mcpServers\":{\"c\":{\"command\":\"x\"}}}");
    Discovery.Result r = scan();
    List<McpServer> claude =
        r.servers().stream().filter(s -> s.client().equals("claude-code")).toList();
    assertThat(claude)
        .hasSize(3)
        .allSatisfy(
            s -> {
              assertThat(s.enabled()).isFalse();
              assertThat(s.blockedBy()).contains("allowedMcpServers is empty").contains(MANAGED);
            });
    McpServer cursor = named(r.servers(), "c");
    assertThat(cursor.enabled()).isTrue();
    assertThat(cursor.blockedBy()).isNull();
  }

  @Test
  void aServerUrlPatternAdmitsRemoteServersByWildcardAndLeavesStdioOnesOut() {
    FakeHome h = home();
    h.write(
        ".claude.json",
        """
        {"mcpServers":{
          "sub":{"type":"http","url":"https://mcp.example.com/api"},
          "caps":{"type":"sse","url":"https://API.Example.COM./sse"},
          "other":{"type":"http","url":"https://example.org/mcp"},
          "bare":{"type":"http","url":"https://tools.example.net/deep/path"},
          "named":{"command":"node","args":["x.js"]}}}""");
    h.write(
        MANAGED,
        """
        {"allowedMcpServers":[{"serverUrl":"https://*.example.com/*"},
          {"serverUrl":"https://tools.example.net"}]}""");
    List<McpServer> s = claude();
    assertThat(named(s, "sub").enabled()).isTrue();
    assertThat(named(s, "caps").enabled()).as("host without case and trailing dot").isTrue();
    assertThat(named(s, "bare").enabled()).as("a pattern without a path matches any path").isTrue();
    assertThat(named(s, "other").blockedBy()).contains("no serverUrl entry matches it");
    assertThat(named(s, "named").enabled())
        .as("no name or command entries admit a stdio server")
        .isFalse();
  }

  @Test
  void aServerCommandMatchesOnlyTheExactLaunchLineAndThenNamesNoLongerAdmitStdioServers() {
    FakeHome h = home();
    h.write(
        ".claude.json",
        """
        {"mcpServers":{
          "exact":{"command":"npx","args":["-y","approved"]},
          "short":{"command":"npx","args":["approved"]},
          "longer":{"command":"npx","args":["-y","approved","--flag"]},
          "github":{"command":"node","args":["server.js"]},
          "remote":{"type":"http","url":"https://github.example.com/mcp"}}}""");
    h.write(
        ".claude/settings.json",
        """
        {"allowedMcpServers":[{"serverCommand":["npx","-y","approved"]},{"serverName":"github"},
          {"serverName":"remote"}]}""");
    List<McpServer> s = claude();
    assertThat(named(s, "exact").enabled()).isTrue();
    assertThat(named(s, "short").enabled()).isFalse();
    assertThat(named(s, "longer").enabled()).isFalse();
    assertThat(named(s, "github").blockedBy())
        .as("stdio must match a command once one is listed")
        .contains("no serverCommand entry matches it")
        .contains(".claude/settings.json");
    assertThat(named(s, "remote").enabled())
        .as("no serverUrl entries: the name admits it")
        .isTrue();
  }

  @Test
  void managedSettingsOverrideTheUsersAllowlistButEveryonesDenylistStillCounts() {
    FakeHome h = withUserServers();
    h.write(
        ".claude/settings.json",
        """
        {"allowedMcpServers":[{"serverName":"local"}],"deniedMcpServers":[{"serverName":"docs"}]}""");
    h.write(
        MANAGED,
        """
        {"allowManagedMcpServersOnly":true,"allowedMcpServers":[{"serverName":"gh"},{"serverName":"docs"}]}""");
    List<McpServer> s = claude();
    assertThat(named(s, "gh").enabled()).isTrue();
    assertThat(named(s, "local").blockedBy())
        .as("the user's allowlist is ignored")
        .contains("not allowed")
        .doesNotContain(".claude/settings.json");
    assertThat(named(s, "docs").blockedBy())
        .as("the user's own denylist still applies")
        .contains("deniedMcpServers")
        .contains(tmp.resolve(".claude/settings.json").toString());

    h.write(MANAGED, "{\"allowedMcpServers\":[{\"serverName\":\"gh\"}]}");
    assertThat(named(claude(), "local").enabled())
        .as("without the lock the user's list broadens it")
        .isTrue();
  }

  @Test
  void managedApprovalSettingsWinOverTheProjectsAndProjectDenylistsBlockItsServers() {
    FakeHome h = home();
    h.write(
        "app/.mcp.json", "{\"mcpServers\":{\"p\":{\"command\":\"a\"},\"q\":{\"command\":\"b\"}}}");
    h.write(
        "app/.claude/settings.json",
        """
        {"enableAllProjectMcpServers":true,"deniedMcpServers":[{"serverCommand":["b"]}]}""");
    h.write(MANAGED, "{\"enableAllProjectMcpServers\":false}");
    List<McpServer> s = claude();
    assertThat(named(s, "p").approval()).isEqualTo(Approval.PENDING);
    assertThat(named(s, "q").blockedBy())
        .isEqualTo(
            "denied by deniedMcpServers serverCommand [\"b\"] in "
                + tmp.resolve("app/.claude/settings.json"));
  }

  @Test
  void aProjectsSettingsJudgeTheServersClaudeJsonKeepsForThatProjectOnly() {
    FakeHome h = home();
    Path app = tmp.resolve("src/app");
    h.write(
        ".claude.json",
        "{\"mcpServers\":{\"tool\":{\"command\":\"t\"}},\n"
            + "\"projects\":{\""
            + app
            + "\":{\n\"mcpServers\":{\n\"tool\":{\"command\":\"t\"}}},\n"
            + "\""
            + tmp.resolve("src/other")
            + "\":{\n\"mcpServers\":{\n\"tool\":{\"command\":\"t\"}}}}}");
    h.write(
        "src/app/.claude/settings.local.json",
        "{\"deniedMcpServers\":[{\"serverName\":\"tool\"}]}");
    List<McpServer> s = claude();
    assertThat(s).hasSize(3);
    assertThat(s)
        .filteredOn(x -> x.blockedBy() != null)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.line()).isEqualTo(4);
              assertThat(x.blockedBy())
                  .contains(tmp.resolve("src/app/.claude/settings.local.json").toString());
            });
  }

  @Test
  void anAllowlistNameWithOtherCharactersOrAnEntryWithTwoKeysIsDroppedLikeClaudeCodeDropsIt() {
    FakeHome h = home();
    h.write(
        ".claude.json",
        """
        {"mcpServers":{"gh":{"command":"a"},"my.tool":{"command":"b"},"local":{"command":"c"}}}""");
    h.write(
        MANAGED,
        """
        {"allowedMcpServers":[{"serverName":"gh"},{"serverName":"my.tool"},
          {"serverName":"local","serverUrl":"https://x"}]}""");
    List<McpServer> s = claude();
    assertThat(named(s, "gh").enabled()).isTrue();
    assertThat(named(s, "my.tool").enabled())
        .as("a dot is not allowed in an allowlist name")
        .isFalse();
    assertThat(named(s, "local").enabled()).as("an entry with two keys is not an entry").isFalse();
  }

  @Test
  void aManagedMcpFileTakesExclusiveControlButItsOwnServersSkipTheAllowlist() {
    FakeHome h = withUserServers();
    h.write(
        "etc/claude-code/managed-mcp.json",
        """
        {"mcpServers":{"corp":{"command":"/opt/corp/mcp"},"env":{"command":"${HOME}/bin/mcp"}}}""");
    h.write(MANAGED, "{\"allowedMcpServers\":[]}");
    List<McpServer> s = claude();
    assertThat(named(s, "corp").enabled()).isTrue();
    assertThat(named(s, "env").blockedBy())
        .as("${VAR} expansion is still checked")
        .contains("is empty");
    assertThat(named(s, "gh").blockedBy())
        .contains("exclusive control")
        .contains(tmp.resolve("etc/claude-code/managed-mcp.json").toString());
  }

  @Test
  void aBrokenManagedSettingsFileIsOneErrorAndAddsNoPolicy() {
    FakeHome h = withUserServers();
    h.write(MANAGED, "{\"allowedMcpServers\": [");
    h.write(
        "etc/claude-code/managed-settings.d/20-deny.json",
        "{\"deniedMcpServers\":[{\"serverName\":\"gh\"}]}");
    h.write(
        "etc/claude-code/managed-settings.d/.hidden.json",
        "{\"deniedMcpServers\":[{\"serverName\":\"docs\"}]}");
    Discovery.Result r = scan();
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo(tmp.resolve(MANAGED).toString());
              assertThat(e.reason()).startsWith("malformed JSON");
            });
    List<McpServer> s = r.servers();
    assertThat(named(s, "local").enabled()).isTrue();
    assertThat(named(s, "docs").enabled()).as("hidden drop-ins are not read").isTrue();
    assertThat(named(s, "gh").blockedBy()).as("drop-ins still apply").contains("20-deny.json");
  }

  @Test
  void aSecretArgumentMatchesByFingerprintAndNeverAppearsInTheReason() {
    String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    FakeHome h = home();
    h.write(
        ".claude.json",
        "{\"mcpServers\":{\"t\":{\"command\":\"srv\",\"args\":[\"--token\",\"" + token + "\"]}}}");
    h.write(
        MANAGED,
        "{\"deniedMcpServers\":[{\"serverCommand\":[\"srv\",\"--token\",\"" + token + "\"]}]}");
    McpServer t = named(claude(), "t");
    assertThat(t.blockedBy()).contains("deniedMcpServers").doesNotContain(token);
  }

  @Test
  void claudeAiConnectorsOnDiskAreCloudServersThatClaudeCodesSettingsCanTurnOff() {
    FakeHome h = home();
    h.write(
        ".claude.json",
        """
        {
          "mcpServers": {"gh": {"command": "npx", "args": ["-y", "@github/mcp"]}},
          "claudeAiMcpEverConnected": [
            "claude.ai Gmail",
            "claude.ai Notion",
            "claude.ai Gmail"
          ]
        }""");
    List<McpServer> s = claude();
    assertThat(s)
        .extracting(McpServer::name)
        .containsExactly("gh", "claude.ai Gmail", "claude.ai Notion");
    McpServer gmail = named(s, "claude.ai Gmail");
    assertThat(gmail.scope()).isEqualTo(Scope.CLOUD);
    assertThat(gmail.transport()).isEqualTo(Transport.HTTP);
    assertThat(gmail.command()).isNull();
    assertThat(gmail.url()).isNull();
    assertThat(gmail.line()).isEqualTo(4);
    assertThat(gmail.enabled()).isTrue();
    assertThat(gmail.id()).isNotEqualTo(named(s, "gh").id());
    assertThat(Json.mapper().valueToTree(gmail).path("scope").asText()).isEqualTo("cloud");

    h.write(
        ".claude/settings.json",
        "{\"deniedMcpServers\": [{\"serverName\": \"claude.ai Notion\"}]}");
    assertThat(named(claude(), "claude.ai Notion").blockedBy())
        .startsWith("denied by deniedMcpServers serverName");
    assertThat(named(claude(), "claude.ai Gmail").blockedBy()).isNull();

    h.write(MANAGED, "{\"disableClaudeAiConnectors\": true}");
    assertThat(named(claude(), "claude.ai Gmail").blockedBy())
        .startsWith("disableClaudeAiConnectors is true in ");
    assertThat(named(claude(), "gh").blockedBy()).isNull();
  }

  @Test
  void connectorsLoadBesideAManagedMcpFileOnlyWhereManagedSettingsAllowThem() {
    FakeHome h = home();
    h.write(".claude.json", "{\"claudeAiMcpEverConnected\": [\"claude.ai Linear\"]}");
    h.write(
        "etc/claude-code/managed-mcp.json",
        "{\"mcpServers\": {\"corp\": {\"command\": \"corp-mcp\"}}}");
    assertThat(named(claude(), "claude.ai Linear").blockedBy()).contains("exclusive control");
    h.write(MANAGED, "{\"allowAllClaudeAiMcps\": true}");
    assertThat(named(claude(), "claude.ai Linear").blockedBy()).isNull();
  }

  /** The built-in catalog with Claude Code's Linux {@code {etc}} paths under the home. */
  private static Catalog managedUnderHome() {
    Catalog c = Catalog.builtIn();
    List<ClientSpec> clients =
        c.clients().stream()
            .map(
                cl ->
                    !cl.id().equals("claude-code")
                        ? cl
                        : new ClientSpec(
                            cl.id(),
                            cl.name(),
                            cl.kind(),
                            cl.urlFields(),
                            moved(cl.files()),
                            cl.projectFiles(),
                            cl.registries(),
                            moved(cl.settings()),
                            cl.policy()))
            .toList();
    return new Catalog(c.dialect(), c.walk(), clients);
  }

  private static List<FileSpec> moved(List<FileSpec> specs) {
    return specs.stream()
        .map(
            f ->
                new FileSpec(
                    f.scope(),
                    f.os(),
                    f.path().replace("{etc}/", "{home}/etc/"),
                    f.format(),
                    f.servers(),
                    f.projectServers(),
                    f.flat(),
                    f.shape()))
        .toList();
  }
}
