package dev.daylight.agent.store;

import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Inventory;
import java.util.List;

/**
 * The outcome of storing one scan.
 *
 * @param inventory the scan as stored: its findings include the trust and new-server findings
 * @param events what changed since the previous scan
 */
public record Recorded(long scanSeq, Inventory inventory, List<ChangeEvent> events) {
  public Recorded {
    events = List.copyOf(events);
  }
}
