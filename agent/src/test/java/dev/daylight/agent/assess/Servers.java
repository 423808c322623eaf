package dev.daylight.agent.assess;

import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.util.List;
import java.util.Map;

/** Server records as discovery would hand them over, for rule tests. */
final class Servers {
  static final String CURSOR_FILE = "/home/dana/.cursor/mcp.json";

  private Servers() {}

  static McpServer stdio(String name, String command, String... args) {
    return McpServer.builder()
        .id("srv-" + name)
        .client("cursor")
        .scope(Scope.USER)
        .configPath(CURSOR_FILE)
        .line(3)
        .name(name)
        .transport(Transport.STDIO)
        .command(command)
        .args(List.of(args))
        .enabled(true)
        .build();
  }

  static McpServer remote(String name, String url) {
    return McpServer.builder()
        .id("srv-" + name)
        .client("cursor")
        .scope(Scope.USER)
        .configPath(CURSOR_FILE)
        .line(7)
        .name(name)
        .transport(Transport.HTTP)
        .url(url)
        .enabled(true)
        .build();
  }

  static McpServer withSecrets(McpServer s, Map<String, String> fingerprints) {
    return s.toBuilder().secretFingerprints(fingerprints).approval(null).blockedBy(null).build();
  }

  /** An npm package as the resolver gives it: pinned when {@code version} is non-null. */
  static PackageRef npm(String name, String version) {
    String purl = "pkg:npm/" + name.replace("@", "%40") + (version == null ? "" : "@" + version);
    return new PackageRef(
        purl, "npm", name, version, version != null, version == null ? null : "command-pin");
  }
}
