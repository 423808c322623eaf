package dev.daylight.ui;

import dev.daylight.agent.platform.HostFacts;
import dev.daylight.agent.platform.Layout;
import dev.daylight.ui.data.MachineViewData;
import java.util.Optional;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.ui.data.AgentScan;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.agent.store.Store;
import dev.daylight.ui.data.StoreData;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point. A plain class, not the Application, so JavaFX on the class path starts (the
 * launcher's check for "JavaFX runtime components" only applies to an Application main class).
 *
 * <p>Options: {@code --show} opens the window at start even when a tray exists; {@code --scan}
 * scans once at start;
 * {@code --home DIR --os linux|macos|windows} makes "Scan now" scan a home laid out as that OS
 * (demos, screenshots) instead of this machine. The store is the agent's, in its state folder
 * ({@code DAYLIGHT_STATE_DIR} overrides it).
 */
public final class Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {}

  public static void main(String[] args) {
    boolean show = false;
    boolean scan = false;
    Path home = null;
    Os os = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--show" -> show = true;
        case "--scan" -> scan = true;
        case "--home" -> home = Path.of(value(args, ++i, "--home"));
        case "--os" -> os = Os.parse(value(args, ++i, "--os"));
        default -> usage("unknown option " + args[i]);
      }
    }
    Layout machine = Layout.currentMachine();
    Path stateDir = machine.stateDir();
    // Where the agent runs as a service, the tray shows what it found for this person: one history.
    Optional<MachineViewData> machineView = home == null && System.getenv("DAYLIGHT_STATE_DIR") == null
        ? MachineViewData.ifPresent(machine.machineStateDir(), HostFacts.current().user())
        : Optional.empty();
    if (machineView.isPresent()) {
      LOG.info("Daylight tray on the machine agent's view in {}", machine.machineStateDir().orElseThrow());
      DaylightApp.launch(new DaylightApp.Setup(machineView.get(), stateDir.resolve("tray"), show, scan));
      return;
    }
    ScanContext context = home == null
        ? ScanContext.currentMachine()
        : ScanContext.forHome(home, os == null ? machine.os() : os).withStore(true);
    context = context.withFingerprintKey(DeviceKey.loadOrCreate(stateDir));
    LOG.info("Daylight tray on store {}", stateDir);
    StoreData data = new StoreData(Store.open(stateDir), AgentScan.pipeline(stateDir), context);
    DaylightApp.launch(new DaylightApp.Setup(data, stateDir.resolve("tray"), show, scan));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      usage(option + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    LOG.error("{}; usage: daylight-tray [--show] [--scan] [--home DIR --os linux|macos|windows]", problem);
    System.exit(2);
  }
}
