package dev.daylight.agent.change;

import dev.daylight.protocol.McpServer;
import java.util.List;

/** One difference between the servers known before a scan and the servers it found. */
public sealed interface ServerChange {
  /** The server this change is about, in its latest known form. */
  McpServer server();

  record Added(McpServer server) implements ServerChange {}

  record Removed(McpServer server) implements ServerChange {}

  /** Launch line, endpoint, env/header keys or a secret fingerprint changed. */
  record Changed(McpServer before, McpServer server, List<String> fields) implements ServerChange {}

  /** Same package, another resolved version. */
  record PackageVersionChanged(McpServer before, McpServer server) implements ServerChange {}
}
