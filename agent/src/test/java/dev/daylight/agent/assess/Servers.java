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
    return new McpServer("srv-" + name, "cursor", Scope.USER, CURSOR_FILE, 3, name, Transport.STDIO,
        command, List.of(args), null, true, List.of(), List.of(), null, null, Map.of(), null);
  }

  static McpServer remote(String name, String url) {
    return new McpServer("srv-" + name, "cursor", Scope.USER, CURSOR_FILE, 7, name, Transport.HTTP,
        null, List.of(), url, true, List.of(), List.of(), null, null, Map.of(), null);
  }

  static McpServer withSecrets(McpServer s, Map<String, String> fingerprints) {
    return new McpServer(s.id(), s.client(), s.scope(), s.configPath(), s.line(), s.name(),
        s.transport(), s.command(), s.args(), s.url(), s.enabled(), s.envKeys(), s.headerKeys(),
        s.pkg(), s.proxiedUrl(), fingerprints, s.osUser());
  }

  /** An npm package as the resolver gives it: pinned when {@code version} is non-null. */
  static PackageRef npm(String name, String version) {
    String purl = "pkg:npm/" + name.replace("@", "%40") + (version == null ? "" : "@" + version);
    return new PackageRef(purl, "npm", name, version, version != null, version == null ? null : "command-pin");
  }
}
