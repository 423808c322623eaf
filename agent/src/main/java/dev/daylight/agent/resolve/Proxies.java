package dev.daylight.agent.resolve;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stdio programs that only forward to a remote MCP server; the remote URL is what really runs. */
final class Proxies {
  private static final Map<String, String> KNOWN =
      Map.of(
          "mcp-remote",
          "npm",
          "mcp-proxy",
          "PyPI",
          "supergateway",
          "npm",
          "@modelcontextprotocol/mcp-remote",
          "npm");

  private Proxies() {}

  static boolean isProxy(String packageName) {
    return KNOWN.containsKey(packageName);
  }

  static String ecosystemOf(String name) {
    return KNOWN.getOrDefault(name, "npm");
  }

  /** The first http(s) URL among the proxy's own arguments. */
  static Optional<String> remoteUrl(List<String> serverArgs) {
    return serverArgs.stream().filter(a -> a.matches("(?i)^(https?|wss?)://.+")).findFirst();
  }
}
