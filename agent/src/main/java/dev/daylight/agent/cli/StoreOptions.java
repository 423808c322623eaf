package dev.daylight.agent.cli;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.store.Store;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --state-dir}: where the store lives; the per-OS state directory unless given. */
final class StoreOptions {
  static final String STATE_DIR = "Directory of the store (default: per-OS state dir, or $DAYLIGHT_STATE_DIR).";

  @Option(names = "--state-dir", paramLabel = "DIR", description = STATE_DIR)
  Path stateDir;

  /** This option, as the annotation above declares it, for a command whose model is coded. */
  void addTo(CommandSpec spec) {
    spec.addOption(CodedSpec.option("--state-dir", "DIR", Path.class, STATE_DIR, () -> stateDir, v -> stateDir = v)
        .build());
  }

  Path dir() {
    return stateDir != null ? stateDir : Layout.currentMachine().stateDir();
  }

  Store open() {
    return Store.open(dir());
  }
}
