package dev.daylight.agent.cli;

import ch.qos.logback.classic.Level;
import dev.daylight.agent.daemon.Resident;
import dev.daylight.agent.logging.ConsoleLogProvider;
import dev.daylight.agent.logging.DaemonLogging;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.text.Visible;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the background agent until stopped (SIGTERM, Ctrl-C): scans at start and "
          + "every interval, rescans within seconds of a change to any known config location, keeps "
          + "the history and delivers the outbox when a collector is configured.",
      "Only the watcher and scheduler stay in memory; each scan runs in a short-lived child JVM.",
      "Logs go to a rotating file in the per-OS log folder."
    })
final class RunCommand implements Callable<Integer> {
  /** JVM options for the scan children; the launcher sets them (AppCDS archive, collector). */
  static final String CHILD_JAVA_OPTS = "DAYLIGHT_CHILD_JAVA_OPTS";

  /** The agent's main class, by name: the resident loads none of the child's classes. */
  static final String CHILD_MAIN = "dev.daylight.agent.cli.Main";

  /** Options only the resident reads; every other one reaches the children ({@link #childArgs}). */
  static final java.util.Set<String> RESIDENT_ONLY =
      java.util.Set.of(
          "--interval",
          "--debounce",
          "--scan-timeout",
          "--log-dir",
          "--fail-on",
          "--help",
          "--version");

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin JudgeOptions judge;
  @Mixin ScanTarget target;

  @Option(
      names = "--interval",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "Time between full scans: 90s, 30m, 1h, 1d (default: ${DEFAULT-VALUE}); a "
              + "collector's fleet policy replaces it.")
  Duration interval;

  @Option(
      names = "--debounce",
      defaultValue = "300ms",
      converter = DurationConverter.class,
      description = "Quiet time after a change before rescanning (default: ${DEFAULT-VALUE}).")
  Duration debounce;

  @Option(
      names = "--scan-timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "A scan still running after this is stopped and tried again later (default: ${DEFAULT-VALUE}).")
  Duration scanTimeout;

  @Option(
      names = "--log-dir",
      paramLabel = "DIR",
      description = "Log folder (default: per-OS log dir).")
  Path logDir;

  @Option(
      names = "--log-level",
      defaultValue = "INFO",
      description = "Level of Daylight's own logs (default: ${DEFAULT-VALUE}).")
  String logLevel;

  @Override
  public Integer call() throws Exception {
    Level level = Level.toLevel(logLevel, Level.INFO);
    target.context(spec); // refuses a bad --home, --os or --depth before the agent starts
    Path logs =
        logDir != null
            ? logDir
            : store.stateDir != null
                ? store.stateDir.resolve("logs")
                : Layout.currentMachine().logDir();
    Path logFile = DaemonLogging.toRotatingFile(logs, level);
    Resident resident =
        new Resident(
            new Resident.Settings(interval, debounce, scanTimeout, store.dir()),
            Resident.childCommand(childJavaOptions(), CHILD_MAIN, childArgs()));
    Runtime.getRuntime().addShutdownHook(new Thread(resident::close, "daylight-shutdown"));
    spec.commandLine()
        .getErr()
        .println(
            "daylight: agent running; state "
                + Visible.of(store.dir())
                + ", log "
                + Visible.of(logFile));
    spec.commandLine().getErr().flush();
    resident.start();
    resident.awaitStop();
    return ExitCodes.OK;
  }

  /**
   * This command's options as the children take them, every one but the resident's own, so an
   * option added to a shared mixin reaches the scans; paths absolute, as the resident saw them.
   */
  List<String> childArgs() {
    List<String> a = new ArrayList<>();
    a.add("--state-dir=" + store.dir().toAbsolutePath());
    // An option given twice is matched twice, each match with all of its values.
    for (OptionSpec o : new LinkedHashSet<>(spec.commandLine().getParseResult().matchedOptions())) {
      String name = o.longestName();
      if (RESIDENT_ONLY.contains(name) || name.equals("--state-dir")) {
        continue;
      }
      if (o.arity().max() == 0) {
        a.add(name);
        continue;
      }
      boolean path = o.type() == Path.class || List.of(o.auxiliaryTypes()).contains(Path.class);
      for (String v : o.originalStringValues()) {
        a.add(name + "=" + (path ? Path.of(v).toAbsolutePath().normalize() : v));
      }
    }
    return a;
  }

  private static List<String> childJavaOptions() {
    String env = System.getenv(CHILD_JAVA_OPTS);
    List<String> opts =
        new ArrayList<>(
            env == null || env.isBlank()
                ? List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                : List.of(env.trim().split("\\s+")));
    // Each child starts cold, on the path from a change to its finding: no perf-data file, and
    // SLF4J named its provider (as the scan options of scripts/jvm-options and the installed
    // launcher name it) instead of searching every jar of the class path for one.
    opts.add("-XX:-UsePerfData");
    for (String o : opts) {
      if (o.startsWith("-Dslf4j.provider=")) {
        return opts;
      }
    }
    opts.add("-Dslf4j.provider=" + ConsoleLogProvider.class.getName());
    opts.add("-Dslf4j.internal.verbosity=WARN");
    return opts;
  }

  /** {@code 250ms}, {@code 90s}, {@code 30m}, {@code 1h}, {@code 1d}, or ISO-8601 {@code PT1H}. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        Duration d =
            switch (m.group(2)) {
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
