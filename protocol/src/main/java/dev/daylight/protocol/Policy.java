package dev.daylight.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What flows back from the collector to agents.
 *
 * @param scanIntervalSeconds how often the agent scans
 * @param intel OSV records newer than the agent's cursor, verbatim
 * @param intelCursor opaque marker the agent sends back to get only newer records
 * @param guard the fleet's guard mode, or null when the fleet leaves it to each machine
 */
public record Policy(
    String etag,
    List<PolicyEntry> entries,
    long scanIntervalSeconds,
    List<JsonNode> intel,
    String intelCursor,
    GuardPolicy guard) {
  public Policy {
    entries = Checks.list(entries);
    intel = Checks.list(intel);
  }

  /** A policy that leaves the guard to each machine (the form before {@code guard} was added). */
  public Policy(String etag, List<PolicyEntry> entries, long scanIntervalSeconds, List<JsonNode> intel,
      String intelCursor) {
    this(etag, entries, scanIntervalSeconds, intel, intelCursor, null);
  }
}
