package dev.daylight.ui.data;

import dev.daylight.protocol.Finding;
import java.time.Instant;
import java.util.Objects;

/**
 * One open finding as the store keeps it.
 *
 * @param acknowledged the person at the keyboard has seen it (it stays open until fixed)
 * @param openedAt when a scan first raised it
 */
public record FindingItem(Finding finding, boolean acknowledged, Instant openedAt) {
  public FindingItem {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(openedAt, "openedAt");
  }

  public String id() {
    return finding.id();
  }
}
