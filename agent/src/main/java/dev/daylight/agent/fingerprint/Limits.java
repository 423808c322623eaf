package dev.daylight.agent.fingerprint;

import java.time.Duration;

/**
 * How much of one package is read. A package is files someone else wrote (a cache a user fills, a
 * RECORD naming what it likes): past any of these the rest is skipped with why, so no package can
 * hold a scan or fill the store.
 *
 * @param time how long listing and reading one package may take
 * @param totalBytes how many bytes of its files are read in all
 * @param indicators how many indicators are kept
 */
record Limits(Duration time, long totalBytes, int indicators) {
  /** Far above a real package (the largest bundles are tens of MB and a few thousand hits). */
  static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), 256L * 1024 * 1024, 20_000);

  /** Why reading stops before the next file, or null to go on. */
  String stop(long deadline, int found) {
    if (System.nanoTime() - deadline > 0) {
      return "the package's time to be read (" + time.toSeconds() + " s) ran out";
    }
    if (found >= indicators) {
      return "over the limit of " + indicators + " indicators per package";
    }
    return null;
  }
}
