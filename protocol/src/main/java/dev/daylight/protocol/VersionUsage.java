package dev.daylight.protocol;

import java.time.Instant;

/**
 * Calls to a server since the package version it runs now appeared (as far as the usage window
 * reaches): the blast radius when that version turns out to be bad.
 *
 * @param since when this version was first seen (the scan that saw it change, or the change event)
 * @param lastCall the last call since then, null when there was none
 */
public record VersionUsage(String version, Instant since, long calls, Instant lastCall) {
  public VersionUsage {
    Checks.required(version, "version");
    Checks.required(since, "since");
  }
}
