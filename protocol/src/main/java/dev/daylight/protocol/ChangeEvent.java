package dev.daylight.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Something that changed between two consecutive scans.
 *
 * @param type {@code server-added}, {@code server-removed}, {@code server-changed},
 *     {@code package-version-changed}, {@code finding-opened}, {@code finding-resolved},
 *     {@code review-changed}
 * @param before redacted state before, or null
 * @param after redacted state after, or null
 */
public record ChangeEvent(
    String id,
    String type,
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
