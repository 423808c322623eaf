package dev.daylight.agent.assess;

import dev.daylight.protocol.Inventory;

/** One family of checks over a finished inventory; emits through the factory, never throws. */
interface Rule {
  void check(Inventory inventory, AssessContext context, FindingFactory out);
}
