package dev.daylight.agent.assess;

import dev.daylight.protocol.McpServer;
import java.util.ArrayList;
import java.util.List;

/** The command line of a stdio server as one string, for evidence and pattern checks. */
final class LaunchLine {
  private LaunchLine() {}

  static String of(McpServer s) {
    List<String> parts = new ArrayList<>();
    if (s.command() != null) {
      parts.add(s.command());
    }
    parts.addAll(s.args());
    return String.join(" ", parts);
  }

  /** The launch line, or the URL for a remote server. */
  static String evidence(McpServer s) {
    String line = of(s);
    return line.isEmpty() && s.url() != null ? s.url() : line;
  }
}
