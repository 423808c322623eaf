package dev.daylight.agent.export;

import dev.daylight.protocol.McpServer;

/** Small renderings several formats share. */
final class Formats {
  private Formats() {}

  /** The launch line as configured; arguments are already redacted where they held secrets. */
  static String commandLine(McpServer s) {
    if (s.command() == null) {
      return s.url();
    }
    return s.args().isEmpty() ? s.command() : s.command() + " " + String.join(" ", s.args());
  }

  static boolean hasCredentials(McpServer s) {
    return !s.envKeys().isEmpty() || !s.headerKeys().isEmpty() || !s.secretFingerprints().isEmpty();
  }
}
