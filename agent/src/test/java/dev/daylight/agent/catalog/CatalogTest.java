package dev.daylight.agent.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Root;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private final Catalog catalog = Catalog.builtIn();

  @Test
  void holdsAtLeastThirtyClientsWithUniqueKebabCaseIds() {
    List<String> ids = catalog.clients().stream().map(Catalog.ClientSpec::id).toList();
    assertThat(ids)
        .hasSizeGreaterThanOrEqualTo(30)
        .doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("[a-z0-9]+(-[a-z0-9]+)*"));
    assertThat(ids)
        .contains(
            "claude-desktop",
            "claude-code",
            "cursor",
            "vscode",
            "windsurf",
            "cline",
            "roo-code",
            "continue",
            "zed",
            "codex",
            "gemini-cli",
            "goose",
            "opencode",
            "kiro",
            "amazon-q",
            "lm-studio",
            "jetbrains-ai",
            "copilot-cli",
            "amp");
  }

  @Test
  void everyPathStartsFromAKnownRootAndEveryClientHasAPlaceOnEachOs() {
    for (Catalog.ClientSpec c : catalog.clients()) {
      for (Catalog.FileSpec f : c.files()) {
        String token = f.path().substring(1, f.path().indexOf('}'));
        if (!token.startsWith("env:")) {
          assertThat(Root.ofToken(token)).as(c.id() + " " + f.path()).isNotNull();
        }
        assertThat(Set.of("user", "system", "extension", "cloud")).as(c.id()).contains(f.scope());
        assertThat(
                f.servers().isEmpty()
                    && f.format() != Catalog.Format.XML
                    && !f.shape().equals("mcpb"))
            .as(c.id() + " " + f.path() + " says where its servers sit")
            .isFalse();
      }
      for (Catalog.FileSpec f : c.projectFiles()) {
        assertThat(f.path()).as(c.id()).doesNotStartWith("{").doesNotStartWith("/");
      }
      boolean somewhere =
          Stream.of("linux", "macos", "windows")
              .anyMatch(os -> c.files().stream().anyMatch(f -> f.appliesTo(os)));
      assertThat(somewhere || !c.projectFiles().isEmpty()).as(c.id()).isTrue();
    }
  }

  @Test
  void coversTheLocationsTheIssueNames() {
    String all = catalog.clients().toString();
    assertThat(all)
        .contains(
            "Packages/Claude_*/LocalCache/Roaming/Claude/claude_desktop_config.json",
            "Claude Extensions/*/manifest.json",
            "projects/*/mcpServers",
            "Code/User/profiles/*/mcp.json",
            "mcp/servers",
            "context_servers",
            "amp.mcpServers",
            "llm.mcpServers.xml",
            ".ai/mcp/mcp.json",
            ".copilot/mcp-config.json",
            "mcp_servers",
            ".continue/mcpServers/*.yaml");
  }
}
