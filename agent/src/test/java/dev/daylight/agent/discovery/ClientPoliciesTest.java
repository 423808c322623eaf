package dev.daylight.agent.discovery;

import static dev.daylight.agent.discovery.FakeHome.named;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.catalog.Catalog.FileSpec;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.McpServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each client's own MCP policy, on fixture homes in the clients' real setting shapes. A fake home
 * has no {@code /etc}, so the catalog's Linux system paths are moved under the home: the same
 * entries, the same discovery.
 */
class ClientPoliciesTest {
  @TempDir Path tmp;

  private List<McpServer> scan(String client) {
    return Discovery.run(ScanContext.forHome(tmp, Os.LINUX), etcUnderHome()).servers().stream()
        .filter(s -> s.client().equals(client))
        .toList();
  }

  private FakeHome home() {
    return new FakeHome(tmp, Os.LINUX);
  }

  private static final String VSCODE_SERVERS =
      """
      {"servers": {
        "gh": {"type": "http", "url": "https://api.githubcopilot.com/mcp/"},
        "pw": {"command": "npx", "args": ["@playwright/mcp@latest"]},
        "fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]}}}""";

  @Test
  void vscodeAccessNoneInUserSettingsOrPolicyStartsNoServer() {
    FakeHome h = home();
    h.write(".config/Code/User/mcp.json", VSCODE_SERVERS);
    h.write(".config/Code/User/settings.json", "{\n  // IT\n  \"chat.mcp.access\": \"none\",\n}");
    assertThat(scan("vscode"))
        .allSatisfy(
            s -> {
              assertThat(s.enabled()).isFalse();
              assertThat(s.blockedBy())
                  .contains("chat.mcp.access is \"none\"")
                  .contains("settings.json");
            });
    h.write(".config/Code/User/settings.json", "{\"chat.mcp.access\": \"all\"}");
    assertThat(scan("vscode")).allSatisfy(s -> assertThat(s.blockedBy()).isNull());
    h.write("etc/vscode/policy.json", "{\"ChatMCP\": \"none\"}");
    assertThat(scan("vscode"))
        .allSatisfy(s -> assertThat(s.blockedBy()).contains("ChatMCP").contains("policy.json"));
  }

  @Test
  void vscodeManagedAllowAndDenyListsReplaceTheUsersAndADenialWins() {
    FakeHome h = home();
    h.write(".config/Code/User/mcp.json", VSCODE_SERVERS);
    h.write(
        ".config/Code/User/settings.json",
        "{\"chat.mcp.deniedServers\": [{\"serverName\": \"gh\"}]}");
    assertThat(named(scan("vscode"), "gh").blockedBy())
        .startsWith("denied by chat.mcp.deniedServers serverName \"gh\"");
    assertThat(named(scan("vscode"), "pw").blockedBy()).isNull();
    h.write(
        "etc/github-copilot/managed-settings.json",
        """
        {"allowedMcpServers": [
           {"serverUrl": "https://api.githubcopilot.com/*"},
           {"serverCommand": ["npx", "@playwright/mcp@latest"]},
           {"serverCommand": ["npx", "-y", "@modelcontextprotocol/server-filesystem", "/"]}],
         "deniedMcpServers": [{"serverCommand": ["npx", "-y", "@modelcontextprotocol/server-filesystem", "/"]}]}""");
    List<McpServer> s = scan("vscode");
    assertThat(named(s, "gh").blockedBy()).as("the managed lists replace the user's").isNull();
    assertThat(named(s, "pw").blockedBy()).isNull();
    assertThat(named(s, "fs").blockedBy())
        .startsWith("denied by deniedMcpServers serverCommand")
        .contains("managed-settings.json");
    h.write(
        "etc/vscode/policy.json",
        "{\"ChatAllowedMcpServers\": \"[{\\\"serverName\\\": \\\"pw\\\"}]\"}");
    s = scan("vscode");
    assertThat(named(s, "pw").blockedBy()).as("a policy value is the list as JSON text").isNull();
    assertThat(named(s, "gh").blockedBy()).isNull(); // admitted by the Copilot managed list
    h.write("etc/github-copilot/managed-settings.json", "{}");
    s = scan("vscode");
    assertThat(named(s, "fs").blockedBy()).startsWith("not allowed by ChatAllowedMcpServers");
    assertThat(named(s, "gh").blockedBy())
        .as("no managed denylist left: the user's applies again")
        .startsWith("denied by chat.mcp.deniedServers");
  }

  @Test
  void geminiExcludedAndAllowedByNameTheHighestFileDeciding() {
    FakeHome h = home();
    h.write(
        ".gemini/settings.json",
        """
        {"mcpServers": {"a": {"command": "npx", "args": ["a-mcp"]}, "b": {"httpUrl": "https://b.example/mcp"}},
         "mcp": {"excluded": ["a"]}}""");
    List<McpServer> s = scan("gemini-cli");
    assertThat(named(s, "a").blockedBy())
        .isEqualTo("excluded by mcp.excluded in " + tmp.resolve(".gemini/settings.json"));
    assertThat(named(s, "a").enabled()).isFalse();
    assertThat(named(s, "b").blockedBy()).isNull();
    h.write("etc/gemini-cli/settings.json", "{\"mcp\": {\"allowed\": [\"a\"], \"excluded\": []}}");
    s = scan("gemini-cli");
    assertThat(named(s, "a").blockedBy())
        .as("the system file's empty list replaces the user's")
        .isNull();
    assertThat(named(s, "b").blockedBy())
        .startsWith("not in mcp.allowed in ")
        .endsWith("etc/gemini-cli/settings.json");
  }

  @Test
  void geminiProjectSettingsApplyToThatProjectsServersAndLegacyKeysStillCount() {
    FakeHome h = home();
    h.write(
        "code/app/.gemini/settings.json",
        """
        {"mcpServers": {"p": {"command": "uvx", "args": ["p-mcp"]}}, "excludeMCPServers": ["p", "u"]}""");
    h.write(
        ".gemini/settings.json",
        "{\"mcpServers\": {\"u\": {\"command\": \"uvx\", \"args\": [\"u-mcp\"]}}}");
    List<McpServer> s = scan("gemini-cli");
    assertThat(named(s, "p").blockedBy()).startsWith("excluded by excludeMCPServers");
    assertThat(named(s, "u").blockedBy())
        .as("outside the project its settings do not apply")
        .isNull();
  }

  @Test
  void qwenCodeAllowedAndDeniedMcpServers() {
    FakeHome h = home();
    h.write(
        ".qwen/settings.json",
        """
        {"mcpServers": {"github": {"command": "npx", "args": ["-y", "gh-mcp"]},
                        "docs": {"url": "https://docs.example.com/sse"},
                        "shady": {"command": "npx", "args": ["shady-mcp"]}},
         "allowedMcpServers": ["github", "shady"], "deniedMcpServers": ["shady"]}""");
    List<McpServer> s = scan("qwen-code");
    assertThat(named(s, "github").blockedBy()).isNull();
    assertThat(named(s, "docs").blockedBy()).startsWith("not in allowedMcpServers");
    assertThat(named(s, "shady").blockedBy()).startsWith("excluded by deniedMcpServers");
  }

  @Test
  void codexRequirementsAdmitOnlyTheServersTheyNameWithTheirIdentity() {
    FakeHome h = home();
    h.write(
        ".codex/config.toml",
        """
        [mcp_servers.docs]
        command = "docs-mcp"
        [mcp_servers.figma]
        url = "https://mcp.figma.com/mcp"
        [mcp_servers.other]
        command = "npx"
        args = ["-y", "other-mcp"]
        [mcp_servers.fake]
        command = "evil-docs"
        """);
    assertThat(scan("codex")).allSatisfy(s -> assertThat(s.blockedBy()).isNull());
    h.write(
        "etc/codex/requirements.toml",
        """
        allowed_approval_policies = ["on-request"]

        [mcp_servers.docs.identity]
        command = "docs-mcp"

        [mcp_servers.figma.identity]
        url = "https://mcp.figma.com/mcp"

        [mcp_servers.fake.identity]
        command = "docs-mcp"
        """);
    List<McpServer> s = scan("codex");
    assertThat(named(s, "docs").blockedBy()).isNull();
    assertThat(named(s, "figma").blockedBy()).isNull();
    assertThat(named(s, "other").blockedBy())
        .startsWith("not among the mcp_servers required by")
        .endsWith("requirements.toml");
    assertThat(named(s, "fake").blockedBy()).startsWith("its command is not the identity");
  }

  @Test
  void ampPermissionsFirstMatchingRuleDecidesAndTheManagedListReplacesTheUsers() {
    FakeHome h = home();
    h.write(
        ".config/amp/settings.json",
        """
        {"amp.mcpServers": {
           "mcp-fs": {"command": "npx", "args": ["@modelcontextprotocol/server-filesystem", "/tmp"]},
           "pw": {"command": "npx", "args": ["-y", "@playwright/mcp@latest"]},
           "trusted": {"url": "https://trusted-service.com/mcp/v1"},
           "other": {"url": "https://other.example/mcp"}},
         "amp.mcpPermissions": [
           {"matches": {"command": "npx @modelcontextprotocol/server-*"}, "action": "allow"},
           {"matches": {"url": "https://trusted-service.com/mcp/*"}, "action": "allow"},
           {"matches": {"url": "*"}, "action": "reject"},
           {"matches": {"command": "*"}, "action": "reject"}]}""");
    List<McpServer> s = scan("amp");
    assertThat(named(s, "mcp-fs").blockedBy()).isNull();
    assertThat(named(s, "trusted").blockedBy()).isNull();
    assertThat(named(s, "other").blockedBy())
        .startsWith("rejected by amp.mcpPermissions rule 3 (url *)");
    assertThat(named(s, "pw").blockedBy())
        .startsWith("rejected by amp.mcpPermissions rule 4 (command *)");
    h.write(
        "etc/ampcode/managed-settings.json",
        """
        {"amp.mcpPermissions": [{"matches": {"args": "*playwright*"}, "action": "reject"}]}""");
    s = scan("amp");
    assertThat(named(s, "other").blockedBy()).isNull();
    assertThat(named(s, "pw").blockedBy())
        .contains("rule 1 (args *playwright*)")
        .contains("managed-settings.json");
  }

  /** The built-in catalog with every Linux {@code {etc}} path under the home. */
  static Catalog etcUnderHome() {
    Catalog c = Catalog.builtIn();
    List<ClientSpec> clients =
        c.clients().stream()
            .map(
                cl ->
                    new ClientSpec(
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
                    f.shape(),
                    f.requires(),
                    f.shared()))
        .toList();
  }
}
