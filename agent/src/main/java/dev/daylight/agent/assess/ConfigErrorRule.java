package dev.daylight.agent.assess;

import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.ScanError;

/** {@code config-error}: each file discovery could not read or understand. */
final class ConfigErrorRule implements Rule {
  static final String ID = "config-error";

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    for (ScanError e : inventory.errors()) {
      out.about(ID, "file:" + e.path())
          .var("file", e.path())
          .var("reason", e.reason())
          .evidence(Evidence.file(e.path(), null, e.reason()))
          .emit();
    }
  }
}
