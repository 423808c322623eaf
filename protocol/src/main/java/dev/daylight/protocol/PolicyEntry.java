package dev.daylight.protocol;

import java.time.Instant;

/**
 * A fleet-wide decision about a package (purl, optionally one version) or a server (by name).
 *
 * @param subject a purl ({@code pkg:npm/postmark-mcp}) or {@code server:NAME}
 * @param version the exact version decided on, or null for every version
 */
public record PolicyEntry(
    String subject,
    String version,
    ReviewState decision,
    String by,
    String reason,
    Instant at) {
  public PolicyEntry {
    Checks.required(subject, "subject");
    Checks.required(decision, "decision");
  }
}
