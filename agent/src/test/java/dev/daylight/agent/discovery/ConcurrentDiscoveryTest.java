package dev.daylight.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk runs on its own thread: the result must not notice. */
class ConcurrentDiscoveryTest {
  @TempDir Path tmp;

  private final String server = "{\"mcpServers\":{\"%s\":{\"command\":\"npx\",\"args\":[\"%s\"]}}}";

  /** Client files, a registered project and walked projects, with a bad file in each phase. */
  private FakeHome busyHome() throws IOException {
    FakeHome h = new FakeHome(tmp, Os.LINUX);
    h.write(".cursor/mcp.json", server.formatted("user-cursor", "a"));
    h.write(".gemini/settings.json", "{\"mcpServers\": {\"broken\": ");
    h.write(".codex/config.toml", "[mcp_servers.cx]\ncommand = \"npx\"\n");
    h.write(".continue/config.yaml", "mcpServers:\n  - name: cont\n    command: uvx\n");
    Path registered =
        h.write("elsewhere/reg/.mcp.json", server.formatted("registered", "r")).getParent();
    h.write(".claude.json", "{\"projects\": {\"" + registered + "\": {}}}");
    for (int i = 0; i < 30; i++) {
      h.write("code/org" + (i % 3) + "/p" + i + "/.mcp.json", server.formatted("p" + i, "p" + i));
      h.write("code/org" + (i % 3) + "/p" + i + "/src/main.ts", "");
    }
    h.write("code/org1/bad/.cursor/mcp.json", "{\"mcpServers\": [1, 2");
    Files.createSymbolicLink(
        tmp.resolve("code/org2/loop.json"), tmp.resolve("code/org2/loop.json"));
    h.write("code/org2/looped/.mcp.json", "{}");
    Files.delete(tmp.resolve("code/org2/looped/.mcp.json"));
    Files.createSymbolicLink(
        tmp.resolve("code/org2/looped/.mcp.json"), tmp.resolve("code/org2/looped/.mcp.json"));
    return h;
  }

  @Test
  void everyRunGivesTheSameServersAndErrorsInTheSameOrder() throws IOException {
    FakeHome h = busyHome();
    Discovery.Result first = h.scan();
    assertThat(first.servers())
        .extracting(McpServer::name)
        .startsWith("user-cursor", "cont", "cx", "registered")
        .contains("p0", "p29")
        .hasSize(34);
    // client files first (catalog order), then the walk's folders (in the order it met them)
    assertThat(first.errors())
        .extracting(ScanError::path)
        .first()
        .isEqualTo(tmp.resolve(".gemini/settings.json").toString());
    assertThat(first.errors())
        .extracting(ScanError::path)
        .containsExactlyInAnyOrder(
            tmp.resolve(".gemini/settings.json").toString(),
            tmp.resolve("code/org1/bad/.cursor/mcp.json").toString(),
            tmp.resolve("code/org2/looped/.mcp.json").toString());
    List<Discovery.Result> again = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      again.add(h.scan());
    }
    assertThat(again).allSatisfy(r -> assertThat(r).isEqualTo(first));
  }
}
