package dev.daylight.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Something that changed between two consecutive scans.
 *
 * @param type what changed
 * @param before redacted state before, or null
 * @param after redacted state after, or null
 */
public record ChangeEvent(
    String id,
    ChangeType type,
    Instant at,
    String scanId,
    String serverId,
    String purl,
    String findingId,
    String summary,
    JsonNode before,
    JsonNode after) {
  public ChangeEvent {
    Checks.required(id, "id");
    Checks.required(type, "type");
    Checks.required(at, "at");
  }
}
