package dev.daylight.protocol;

/**
 * A judgement about something found.
 *
 * @param id stable: the same rule about the same subject gives the same id in every scan
 * @param serverId id of the server it is about, or null
 * @param purl package it is about, or null
 * @param advisory OSV id when intel matched, or null
 * @param release what a {@code release-*} finding found in a new package version, else null
 */
public record Finding(
    String id,
    String rule,
    Severity severity,
    String title,
    String serverId,
    String purl,
    String advisory,
    Evidence evidence,
    String remediation,
    Release release) {

  public Finding {
    Checks.required(id, "id");
    Checks.required(rule, "rule");
    Checks.required(severity, "severity");
    Checks.required(title, "title");
  }
}
