package dev.daylight.agent.store;

import dev.daylight.protocol.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code daylight status} prints.
 *
 * @param openBySeverity open findings per severity, every severity present (zero when none)
 */
public record StoreStatus(
    Optional<ScanSummary> lastScan,
    Map<Severity, Integer> openBySeverity,
    int activeServers,
    int outboxDepth,
    long changeCounter) {

  /** The latest stored scan. */
  public record ScanSummary(
      String scanId, Instant startedAt, Instant finishedAt, Instant storedAt) {}
}
