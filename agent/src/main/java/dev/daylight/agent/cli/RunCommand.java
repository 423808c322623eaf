package dev.daylight.agent.cli;

import ch.qos.logback.classic.Level;
import dev.daylight.agent.daemon.Daemon;
import dev.daylight.agent.daemon.DaemonLogging;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.Scanner;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.agent.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the background agent until stopped (SIGTERM, Ctrl-C): scans at start and "
        + "every interval, rescans within seconds of a change to any known config location, keeps "
        + "the history and delivers the outbox when a collector is configured.",
        "Logs go to a rotating file in the per-OS log folder."})
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin JudgeOptions judge;

  @Option(names = "--interval", defaultValue = "1h", converter = DurationConverter.class,
      description = "Time between full scans: 90s, 30m, 1h, 1d (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--debounce", defaultValue = "300ms", converter = DurationConverter.class,
      description = "Quiet time after a change before rescanning (default: ${DEFAULT-VALUE}).")
  Duration debounce;

  @Option(names = "--home", paramLabel = "DIR", description = "Watch and scan this folder as the home.")
  Path home;

  @Option(names = "--os", paramLabel = "OS", converter = OsConverter.class,
      description = "Layout of --home: linux, macos or windows (default: this machine's).")
  Os os;

  @Option(names = "--all-users",
      description = "Scan every account's home, each as its own layout (the machine-wide service).")
  boolean allUsers;

  @Option(names = "--log-dir", paramLabel = "DIR", description = "Log folder (default: per-OS log dir).")
  Path logDir;

  @Option(names = "--log-level", defaultValue = "INFO", description = "Level of Daylight's own logs (default: ${DEFAULT-VALUE}).")
  String logLevel;

  @Override
  public Integer call() throws Exception {
    Layout machine = Layout.currentMachine();
    Path logs = logDir != null ? logDir
        : store.stateDir != null ? store.stateDir.resolve("logs") : machine.logDir();
    Path logFile = DaemonLogging.toRotatingFile(logs, Level.toLevel(logLevel, Level.INFO));
    ScanContext context = context(machine).withFingerprintKey(DeviceKey.loadOrCreate(store.dir()));
    Scanner scanner = judge.scanner(store.dir());
    Reporter reporter = new Reporter(store.dir());
    AtomicReference<Daemon> self = new AtomicReference<>();
    Daemon.Delivery delivery = s -> {
      AgentJobs.enrollIfManaged(store.dir(), s);
      if (reporter.deliver(s).policyUpdated()) {
        self.get().requestScan("fleet policy changed"); // judge again under the new policy
      }
    };
    Store db = store.open();
    Daemon daemon = new Daemon(db, AgentJobs.scan(scanner, context, allUsers),
        new Daemon.Settings(interval, debounce, () -> AgentJobs.locations(context, allUsers)), delivery);
    self.set(daemon);
    Thread hook = new Thread(() -> {
      daemon.close();
      db.close();
    }, "daylight-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    spec.commandLine().getErr().println("daylight: agent running; store " + db.file() + ", log " + logFile);
    spec.commandLine().getErr().flush();
    daemon.start();
    daemon.awaitStop();
    return ExitCodes.OK;
  }

  private ScanContext context(Layout machine) {
    if (home == null && os == null) {
      return ScanContext.currentMachine();
    }
    Path dir = home == null ? machine.home() : home.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--home " + home + " is not a directory");
    }
    return ScanContext.forHome(dir, os == null ? machine.os() : os).withStore(true);
  }

  static final class OsConverter implements picocli.CommandLine.ITypeConverter<Os> {
    @Override
    public Os convert(String value) {
      return Os.parse(value);
    }
  }

  /** {@code 250ms}, {@code 90s}, {@code 30m}, {@code 1h}, {@code 1d}, or ISO-8601 {@code PT1H}. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
        if (d.isZero()) {
          throw new picocli.CommandLine.TypeConversionException("a duration must be more than 0");
        }
        return d;
      }
      Duration d = Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
      if (d.isNegative() || d.toMillis() < 1) {
        throw new picocli.CommandLine.TypeConversionException("a duration must be more than 0");
      }
      return d;
    }
  }
}
