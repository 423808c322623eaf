package dev.daylight.protocol;

import java.time.Instant;

/**
 * A fleet-wide decision about a package (purl, optionally one version), a server (by name) or a
 * capability class.
 *
 * @param subject a purl ({@code pkg:npm/postmark-mcp}), {@code server:NAME} or {@code class:ID}
 *     ({@code class:email-send}: every server of that class is approved, or denied, fleet-wide)
 * @param version the exact version decided on, or null for every version
 */
public record PolicyEntry(
    String subject, String version, ReviewState decision, String by, String reason, Instant at) {
  public PolicyEntry {
    Checks.required(subject, "subject");
    Checks.required(decision, "decision");
  }
}
