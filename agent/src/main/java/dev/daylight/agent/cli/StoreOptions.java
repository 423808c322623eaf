package dev.daylight.agent.cli;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.store.Store;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}: where the store lives; the per-OS state directory unless given. */
final class StoreOptions {
  static final String ENV = "DAYLIGHT_STATE_DIR";

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Directory of the store (default: per-OS state dir, or $DAYLIGHT_STATE_DIR).")
  Path stateDir;

  /**
   * True when the store was named, by {@code --state-dir} or {@code DAYLIGHT_STATE_DIR}: the two
   * mean the same everywhere (a {@code --home} scan is stored only into a named store).
   */
  boolean named() {
    return stateDir != null || System.getenv(ENV) != null;
  }

  Path dir() {
    return stateDir != null ? stateDir : Layout.currentMachine().stateDir();
  }

  Store open() {
    return Store.open(dir());
  }
}
