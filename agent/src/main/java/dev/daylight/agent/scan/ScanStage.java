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

  /**
   * This stage with the part of its work that needs only the context (reading caches, app folders,
   * the host) already done. {@link Scanner} calls it on another thread while discovery runs, then
   * applies the stage it returns, so the result is the same as {@link #apply}'s; stages without
   * such work return themselves.
   */
  default ScanStage prepare(ScanContext context) {
    return this;
  }
}
