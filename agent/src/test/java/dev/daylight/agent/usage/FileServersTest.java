package dev.daylight.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server a per-server log is for, from the file names the clients really write. */
class FileServersTest {
  @Test
  void cursorNamesUserAndProjectServersInItsIdentifier() {
    Set<String> known = Set.of("github", "code-review-graph");
    assertThat(FileServers.of("file:MCP ", Path.of("MCP user-my-server.log"), known))
        .isEqualTo("my-server");
    assertThat(FileServers.of("file:MCP ", Path.of("MCP project-0-my-shop-github.log"), known))
        .isEqualTo("github");
    assertThat(
            FileServers.of("file:MCP ", Path.of("MCP project-2-api-code-review-graph.log"), known))
        .isEqualTo("code-review-graph");
    // A project server no config names any more keeps its folder: usage of a removed server.
    assertThat(FileServers.of("file:MCP ", Path.of("MCP project-1-shop-old.log"), known))
        .isEqualTo("shop-old");
  }

  @Test
  void claudeDesktopAndVsCodeNamesAreUnchanged() {
    assertThat(
            FileServers.of(
                "file:mcp-server-", Path.of("mcp-server-my-server.log"), Set.of("server")))
        .isEqualTo("my-server");
    assertThat(
            FileServers.of(
                "file:mcpServer.", Path.of("mcpServer.mcp.config.usrlocal.github.log"), Set.of()))
        .isEqualTo("github");
  }
}
