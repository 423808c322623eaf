package dev.daylight.protocol;

import java.time.Instant;
import java.util.List;

/**
 * What a server was asked to do over the usage window, counted from the AI clients' own records of
 * tool calls (never their arguments or results). {@code calls} 0 means the server sat idle.
 *
 * @param firstCall the first call in the window, null when there was none
 * @param lastCall the last call in the window, null when there was none
 * @param tools per tool, most called first
 * @param projects the project folders the calls came from, where the records name them
 * @param sinceVersion calls since the package version the server runs now appeared; null when the
 *     server has no known version or it never changed while Daylight watched
 */
public record ServerUsage(
    long calls,
    Instant firstCall,
    Instant lastCall,
    List<ToolUsage> tools,
    List<String> projects,
    VersionUsage sinceVersion) {
  public ServerUsage {
    tools = Checks.list(tools);
    projects = Checks.list(projects);
  }

  public ServerUsage withSinceVersion(VersionUsage value) {
    return new ServerUsage(calls, firstCall, lastCall, tools, projects, value);
  }

  /** A server nobody called in the window. */
  public static ServerUsage idle() {
    return new ServerUsage(0, null, null, List.of(), List.of(), null);
  }
}
