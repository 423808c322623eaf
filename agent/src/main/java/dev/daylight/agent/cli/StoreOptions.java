package dev.daylight.agent.cli;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.store.Store;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}: where the store lives; the per-OS state directory unless given. */
final class StoreOptions {
  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Directory of the store (default: per-OS state dir, or $DAYLIGHT_STATE_DIR).")
  Path stateDir;

  Path dir() {
    return stateDir != null ? stateDir : Layout.currentMachine().stateDir();
  }

  Store open() {
    return Store.open(dir());
  }
}
