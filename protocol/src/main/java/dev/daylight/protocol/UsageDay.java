package dev.daylight.protocol;

import java.time.Instant;

/**
 * One day's calls of one tool of one server from one client on a device: what reports carry of the
 * usage ledger (counts, never individual calls). A day is counted again whole each time it is sent,
 * so the collector replaces, never adds.
 *
 * @param day the UTC date, {@code 2026-11-20}
 * @param server the configured server's name where the calls match one, else the recorded name
 */
public record UsageDay(
    String day,
    String client,
    String server,
    String tool,
    long calls,
    long errors,
    Instant lastCall) {
  public UsageDay {
    Checks.required(day, "day");
    Checks.required(client, "client");
    Checks.required(server, "server");
    Checks.required(tool, "tool");
  }
}
