package dev.daylight.agent.store;

import dev.daylight.agent.change.Lifecycle;
import dev.daylight.protocol.Finding;
import java.time.Instant;
import java.util.Optional;

/** A finding with its lifecycle: when it was first and last raised, resolved or acknowledged. */
public record StoredFinding(
    Finding finding,
    Lifecycle.Status status,
    Instant firstSeen,
    Instant lastSeen,
    Optional<Instant> resolvedAt,
    Optional<Instant> acknowledgedAt,
    Optional<String> note) {

  public boolean open() {
    return status == Lifecycle.Status.OPEN;
  }
}
