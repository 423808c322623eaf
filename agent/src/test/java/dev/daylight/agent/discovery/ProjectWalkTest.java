package dev.daylight.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectWalkTest {
  @TempDir Path tmp;

  private final String server = "{\"mcpServers\":{\"%s\":{\"command\":\"npx\",\"args\":[\"%s\"]}}}";

  @Test
  void findsEveryProjectMarkerWithinDepthAndPrunesTheRest() {
    FakeHome h = new FakeHome(tmp, Os.LINUX);
    h.write("src/org/app/.mcp.json", server.formatted("cc", "cc"));
    h.write("src/org/app/.cursor/mcp.json", server.formatted("cur", "cur"));
    h.write("src/org/app/.roo/mcp.json", server.formatted("roo", "roo"));
    h.write("src/org/app/.amazonq/mcp.json", server.formatted("q", "q"));
    h.write("src/org/app/.kiro/settings/mcp.json", server.formatted("kiro", "kiro"));
    h.write("src/org/app/.vscode/mcp.json", "{\"servers\":{\"vs\":{\"command\":\"npx\"}}}");
    h.write("src/org/app/.gemini/settings.json", server.formatted("gem", "gem"));
    h.write(
        "src/org/app/.zed/settings.json", "{\"context_servers\":{\"z\":{\"command\":\"npx\"}}}");
    h.write(
        "src/org/app/opencode.json",
        "{\"mcp\":{\"oc\":{\"type\":\"local\",\"command\":[\"npx\",\"oc\"]}}}");
    h.write("src/org/app/.codex/config.toml", "[mcp_servers.cx]\ncommand = \"npx\"\n");
    h.write(
        "src/org/app/.continue/mcpServers/b.yaml",
        "mcpServers:\n  - name: cont\n    command: npx\n");
    h.write("src/org/app/node_modules/dep/.mcp.json", server.formatted("pruned1", "x"));
    h.write("src/org/app/.git/x/.mcp.json", server.formatted("pruned2", "x"));
    h.write("Library/x/.mcp.json", server.formatted("pruned3", "x"));
    h.write("AppData/x/.mcp.json", server.formatted("pruned4", "x"));
    h.write("a/b/c/d/e/f/g/.mcp.json", server.formatted("too-deep", "x"));
    var servers = h.scan().servers();
    assertThat(servers)
        .extracting(McpServer::name)
        .containsExactlyInAnyOrder(
            "cc", "cur", "roo", "q", "kiro", "vs", "gem", "z", "oc", "cx", "cont");
    assertThat(servers).allSatisfy(s -> assertThat(s.scope()).isEqualTo(Scope.PROJECT));
  }

  @Test
  void depthIsConfigurable() {
    FakeHome h = new FakeHome(tmp, Os.LINUX);
    h.write("a/b/c/d/e/f/g/.mcp.json", server.formatted("deep", "x"));
    var ctx = ScanContext.forHome(tmp, Os.LINUX).withWalkDepth(7);
    assertThat(Discovery.run(ctx).servers()).extracting(McpServer::name).containsExactly("deep");
  }

  @Test
  void aFileReachedSeveralWaysIsReportedOnce() throws IOException {
    FakeHome h = new FakeHome(tmp, Os.LINUX);
    h.write(".cursor/mcp.json", server.formatted("home-cursor", "x"));
    Path proj = h.write("work/app/.mcp.json", server.formatted("proj", "x")).getParent();
    Files.createSymbolicLink(tmp.resolve("link-to-app"), proj);
    h.write(
        ".claude.json",
        "{\"projects\": {\"" + proj + "\": {}, \"" + tmp.resolve("link-to-app") + "\": {}}}");
    Files.createSymbolicLink(tmp.resolve("work/app/loop"), tmp.resolve("work"));
    var servers = h.scan().servers();
    assertThat(servers)
        .extracting(McpServer::name)
        .containsExactlyInAnyOrder("home-cursor", "proj");
    assertThat(servers)
        .filteredOn(s -> s.name().equals("home-cursor"))
        .singleElement()
        .satisfies(s -> assertThat(s.scope()).isEqualTo(Scope.USER));
  }

  @Test
  void aFakeHomeNeverFollowsRegistryPathsOutsideIt() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside/proj"));
    Files.writeString(outside.resolve(".mcp.json"), server.formatted("leak", "x"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    FakeHome h = new FakeHome(home, Os.LINUX);
    h.write(".claude.json", "{\"projects\": {\"" + outside + "\": {}}}");
    assertThat(h.scan().servers()).isEmpty();
  }
}
