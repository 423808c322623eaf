package dev.daylight.agent.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where one user's files sit on one OS. Every path the agent reads or writes starts from a layout,
 * which is what lets {@code --home DIR --os macos} scan a macOS home on Linux.
 */
public interface Layout {
  Os os();

  /** The user's home (profile) folder. */
  Path home();

  /**
   * True when this layout describes the machine the agent runs on (environment honoured, system
   * roots present).
   */
  boolean realMachine();

  /**
   * A named base folder, or empty when this OS has none (or it is machine-wide and this is a fake
   * home).
   */
  Optional<Path> root(Root root);

  /**
   * Daylight's own state folder (SQLite file, device key); env {@code DAYLIGHT_STATE_DIR} overrides
   * it.
   */
  Path stateDir();

  /**
   * The state folder of the machine-wide agent the packages install as a service: {@code
   * /var/lib/daylight}, {@code /Library/Application Support/Daylight/state}, {@code
   * %ProgramData%\Daylight\state}; empty for a fake home. Only administrators can read it.
   */
  Optional<Path> machineStateDir();

  /** Where the agent's rotating log files go. */
  Path logDir();

  /**
   * The same OS layout for another user's home, as an all-users scan needs: no environment
   * honoured.
   */
  Layout forHome(Path otherHome);

  /** Expands {@code {root}/rest} against this layout; empty when the root does not exist here. */
  default Optional<Path> expand(String template) {
    if (!template.startsWith("{")) {
      return Optional.of(home().resolve(template));
    }
    int close = template.indexOf('}');
    Root root = Root.ofToken(template.substring(1, close));
    String rest = template.substring(close + 1).replaceFirst("^[/\\\\]+", "");
    return root(root).map(base -> rest.isEmpty() ? base : base.resolve(rest));
  }

  /** A layout of a home directory laid out as {@code os} lays it out; no environment is read. */
  static Layout of(Os os, Path home) {
    return Layouts.create(os, home.toAbsolutePath().normalize(), Map.of(), false);
  }

  /**
   * A layout for the machine the agent runs on, honouring {@code XDG_*}, {@code APPDATA}, {@code
   * LOCALAPPDATA} and {@code DAYLIGHT_STATE_DIR} from {@code environment}.
   */
  static Layout of(Os os, Path home, Map<String, String> environment) {
    return Layouts.create(os, home.toAbsolutePath().normalize(), Map.copyOf(environment), true);
  }

  /** The current user on the current machine; the only reader of {@code user.home}. */
  static Layout currentMachine() {
    return of(Os.current(), Path.of(System.getProperty("user.home")), System.getenv());
  }
}
