package dev.daylight.agent.scan;

import dev.daylight.protocol.Inventory;

/**
 * A step that runs after discovery and package resolution and returns the inventory it was given
 * with its additions (installed packages, resolved versions, host facts, findings). Stages are pure
 * functions of the inventory and the context; persisting belongs after {@link Scanner#scan}.
 */
@FunctionalInterface
public interface ScanStage {
  Inventory apply(Inventory inventory, ScanContext context);
}
