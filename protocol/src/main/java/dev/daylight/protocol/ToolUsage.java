package dev.daylight.protocol;

import java.time.Instant;

/** Calls of one tool of a server over the usage window; {@code errors} is how many failed. */
public record ToolUsage(String name, long calls, Instant lastCall, long errors) {
  public ToolUsage {
    Checks.required(name, "name");
  }
}
