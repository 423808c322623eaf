package dev.daylight.agent.cli;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --state-dir}: where the store lives; the per-OS state directory unless given. */
final class StoreOptions {
  static final String ENV = "DAYLIGHT_STATE_DIR";
  static final String STATE_DIR =
      "Directory of the store (default: per-OS state dir, or $DAYLIGHT_STATE_DIR; "
          + "for an administrator, readers use the machine agent's store where the service is installed).";

  /**
   * Commands that read the history: on an installed machine an administrator means the machine's.
   */
  static final Set<String> READERS =
      Set.of("status", "findings", "events", "review", "export", "intel");

  @Option(names = "--state-dir", paramLabel = "DIR", description = STATE_DIR)
  Path stateDir;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private boolean told;

  /**
   * True when the store was named, by {@code --state-dir} or {@code DAYLIGHT_STATE_DIR}: the two
   * mean the same everywhere (a {@code --home} scan is stored only into a named store).
   */
  boolean named() {
    return stateDir != null || System.getenv(ENV) != null;
  }

  Path dir() {
    if (stateDir != null) {
      return stateDir;
    }
    Layout machine = Layout.currentMachine();
    if (reader() && System.getenv(ENV) == null) {
      Optional<Path> shared = machineStore(machine);
      if (shared.isPresent()) {
        if (!told && mixee != null) {
          told = true;
          mixee
              .commandLine()
              .getErr()
              .println(
                  "daylight: reading the machine agent's store "
                      + shared.get()
                      + " (--state-dir "
                      + machine.stateDir()
                      + " for your own)");
          mixee.commandLine().getErr().flush();
        }
        return shared.get();
      }
    }
    return machine.stateDir();
  }

  /**
   * The installed service's store, when this process may read it: its database is readable by
   * administrators only (0600 root under the unit's UMask, or the ACL of %ProgramData%\Daylight),
   * so being able to read it is the administrator check, the same on every OS.
   */
  static Optional<Path> machineStore(Layout machine) {
    return machine.machineStateDir().filter(d -> Files.isReadable(d.resolve(Store.FILE)));
  }

  private boolean reader() {
    for (CommandSpec c = mixee; c != null; c = c.parent()) {
      if (c.parent() != null && c.parent().parent() == null) {
        return READERS.contains(c.name());
      }
    }
    return false;
  }

  Store open() {
    return Store.open(dir());
  }
}
