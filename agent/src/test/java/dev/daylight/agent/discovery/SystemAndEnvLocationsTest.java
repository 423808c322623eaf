package dev.daylight.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new clients' machine-wide files (Linux {@code /etc}, moved under a fake home as in {@link
 * ClientPoliciesTest}) and the locations named by environment variables.
 */
class SystemAndEnvLocationsTest {
  @TempDir Path tmp;

  private List<McpServer> scan(String client) {
    return Discovery.run(ScanContext.forHome(tmp, Os.LINUX), ClientPoliciesTest.etcUnderHome())
        .servers()
        .stream()
        .filter(s -> s.client().equals(client))
        .toList();
  }

  @Test
  void systemFilesOfQwenTabnineAndAmpAreSystemScope() {
    FakeHome h = new FakeHome(tmp, Os.LINUX);
    h.write(
        "etc/qwen-code/settings.json",
        "{\"mcpServers\": {\"corp\": {\"httpUrl\": \"https://corp.example/mcp\"}}}");
    h.write(
        "etc/qwen-code/system-defaults.json",
        "{\"mcpServers\": {\"base\": {\"command\": \"uvx\", \"args\": [\"base-mcp\"]}}}");
    h.write(
        "etc/tabnine-cli/settings.json",
        "{\"mcpServers\": {\"tn\": {\"url\": \"https://tn.example/sse\"}}}");
    h.write("etc/ampcode/managed-settings.json", RealShapesTest.text("amp.managed-settings.json"));
    assertThat(scan("qwen-code"))
        .extracting(McpServer::name, McpServer::scope)
        .containsExactlyInAnyOrder(tuple("corp", Scope.SYSTEM), tuple("base", Scope.SYSTEM));
    assertThat(scan("tabnine"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.scope()).isEqualTo(Scope.SYSTEM);
              assertThat(s.transport().wire()).isEqualTo("sse");
            });
    assertThat(scan("amp"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("corp-docs");
              assertThat(s.scope()).isEqualTo(Scope.SYSTEM);
            });
  }

  @Test
  void locationsNamedByEnvironmentVariables() {
    FakeHome h = new FakeHome(tmp, Os.LINUX);
    h.write(
        "elsewhere/copilot/mcp-config.json",
        "{\"mcpServers\": {\"c\": {\"command\": \"npx\", \"args\": [\"c-mcp\"]}}}");
    h.write(
        "elsewhere/anything/plugins/anythingllm_mcp_servers.json",
        "{\"mcpServers\": {\"a\": {\"command\": \"npx\", \"args\": [\"a-mcp\"]}}}");
    h.write(
        "elsewhere/qwen-system.json",
        "{\"mcpServers\": {\"q\": {\"command\": \"npx\", \"args\": [\"q-mcp\"]}}}");
    ScanContext ctx =
        new ScanContext(
            Layout.of(Os.LINUX, tmp),
            Map.of(
                "COPILOT_HOME", tmp.resolve("elsewhere/copilot").toString(),
                "STORAGE_DIR", tmp.resolve("elsewhere/anything").toString(),
                "QWEN_CODE_SYSTEM_SETTINGS_PATH",
                    tmp.resolve("elsewhere/qwen-system.json").toString()),
            false,
            false,
            ScanContext.DEFAULT_WALK_DEPTH,
            Optional.empty(),
            Optional.empty());
    List<McpServer> all = Discovery.run(ctx).servers();
    assertThat(all)
        .extracting(s -> s.client() + ":" + s.name() + ":" + s.scope().wire())
        .contains("copilot-cli:c:user", "anythingllm:a:user", "qwen-code:q:system");
  }
}
