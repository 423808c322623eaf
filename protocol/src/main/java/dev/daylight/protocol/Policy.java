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
 * @param approvalClasses the capability classes a server needs an approval for (its package's
 *     version, the server, or the class itself approved), or null when the fleet leaves the list to
 *     each machine (the local rules file, else the built-in default)
 */
public record Policy(
    String etag,
    List<PolicyEntry> entries,
    long scanIntervalSeconds,
    List<JsonNode> intel,
    String intelCursor,
    GuardPolicy guard,
    List<String> approvalClasses) {
  public Policy {
    entries = Checks.list(entries);
    intel = Checks.list(intel);
    approvalClasses = approvalClasses == null ? null : List.copyOf(approvalClasses);
  }
}
