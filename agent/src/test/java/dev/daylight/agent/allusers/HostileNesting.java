package dev.daylight.agent.allusers;

/** A JetBrains MCP component nested as deep as a hostile workspace file nests it. */
final class HostileNesting {
  private HostileNesting() {}

  static String xml(int depth) {
    return "<application><component name=\"McpApplicationServerCommands\">"
        + "<a>".repeat(depth)
        + "</a>".repeat(depth)
        + "</component></application>";
  }
}
