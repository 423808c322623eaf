package dev.daylight.ui;

import dev.daylight.agent.platform.HostFacts;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.agent.store.Store;
import dev.daylight.ui.data.AgentScan;
import dev.daylight.ui.data.DaylightData;
import dev.daylight.ui.data.MachineViewData;
import dev.daylight.ui.data.StoreData;
import dev.daylight.ui.tray.TrayIconView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of both processes of the tray app. A plain class, not the Application, so JavaFX on
 * the class path starts (the launcher's check for "JavaFX runtime components" only applies to an
 * Application main class).
 *
 * <p>Without {@code --window} this is the icon process ({@link TrayApp}, AWT only); it starts the
 * window as a separate process, this class again with {@code --window}, when the person opens it.
 * Where the desktop has no tray, the window runs in this process instead and closing it quits.
 *
 * <p>Options: {@code --show} opens the window at start even when a tray exists; {@code --scan}
 * scans once at start; {@code --home DIR --os linux|macos|windows} makes "Scan now" scan a home
 * laid out as that OS (demos, screenshots) instead of this machine. The store is the agent's, in
 * its state folder ({@code DAYLIGHT_STATE_DIR} overrides it).
 */
public final class Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {}

  public static void main(String[] args) {
    boolean show = false;
    boolean scan = false;
    boolean window = false;
    Path home = null;
    Os os = null;
    List<String> where =
        new ArrayList<>(); // what the window process must be told to read the same data
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--show" -> show = true;
        case "--scan" -> scan = true;
        case "--window" -> window = true;
        case "--home" -> home = Path.of(value(args, ++i, "--home", where));
        case "--os" -> os = Os.parse(value(args, ++i, "--os", where));
        default -> usage("unknown option " + args[i]);
      }
    }
    Layout machine = Layout.currentMachine();
    Path trayDir = machine.stateDir().resolve("tray");
    DaylightData data = data(machine, home, os);
    if (window) {
      DaylightApp.launch(new DaylightApp.Setup(data, trayDir, false, true));
    } else if (TrayIconView.supported()) {
      TrayApp.run(
          data, trayDir, show, scan, () -> WindowCommand.of(Launcher.class.getName(), where));
    } else {
      DaylightApp.launch(new DaylightApp.Setup(data, trayDir, scan, false));
    }
  }

  private static DaylightData data(Layout machine, Path home, Os os) {
    Path stateDir = machine.stateDir();
    // Where the agent runs as a service, the tray shows what it found for this person: one history.
    Optional<MachineViewData> machineView =
        home == null && System.getenv("DAYLIGHT_STATE_DIR") == null
            ? MachineViewData.ifPresent(machine.machineStateDir(), HostFacts.current().user())
            : Optional.empty();
    if (machineView.isPresent()) {
      LOG.info(
          "Daylight tray on the machine agent's view in {}",
          machine.machineStateDir().orElseThrow());
      return machineView.get();
    }
    ScanContext context =
        home == null
            ? ScanContext.currentMachine()
            : ScanContext.forHome(home, os == null ? machine.os() : os).withStore(true);
    context = context.withFingerprintKey(DeviceKey.loadOrCreate(stateDir));
    LOG.info("Daylight tray on store {}", stateDir);
    return new StoreData(Store.open(stateDir), AgentScan.pipeline(stateDir), context);
  }

  private static String value(String[] args, int i, String option, List<String> passOn) {
    if (i >= args.length) {
      usage(option + " needs a value");
    }
    passOn.add(option);
    passOn.add(args[i]);
    return args[i];
  }

  private static void usage(String problem) {
    LOG.error(
        "{}; usage: daylight-tray [--show] [--scan] [--home DIR --os linux|macos|windows]",
        problem);
    System.exit(2);
  }
}
