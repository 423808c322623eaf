package dev.daylight.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What flows back from the collector to agents.
 *
 * @param scanIntervalSeconds how often the agent scans
 * @param intel OSV records newer than the agent's cursor, verbatim
 * @param intelCursor opaque marker the agent sends back to get only newer records
 */
public record Policy(
    String etag,
    List<PolicyEntry> entries,
    long scanIntervalSeconds,
    List<JsonNode> intel,
    String intelCursor) {
  public Policy {
    entries = Checks.list(entries);
    intel = Checks.list(intel);
  }
}
