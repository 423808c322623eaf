package dev.daylight.agent.daemon;

import dev.daylight.agent.platform.Relaunch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scan or delivery as a short-lived JVM: the same java binary and class path as the
 * resident, so it also uses the same class-data-sharing archive when the launcher names one. Its
 * output goes line by line into the resident's log; one that outlives the timeout is stopped.
 */
final class ChildProcess {
  /** Exit status for a child that was stopped after the timeout. */
  static final int TIMED_OUT = -1;

  /**
   * System property the resident's jpackage launcher (daylight-agentd, macOS and Windows) sets to
   * the name of the launcher next to it that carries the scan's JVM options (daylight), for its
   * children.
   */
  static final String CHILD_LAUNCHER = "daylight.child.launcher";

  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration GRACE = Duration.ofSeconds(5);

  /** What a child does. */
  enum Kind {
    SCAN("scan"),
    DELIVER("deliver");

    final String option;

    Kind(String option) {
      this.option = option;
    }
  }

  private final List<String> command;
  private final Duration timeout;
  private Process running;
  private boolean stopping;

  /**
   * @param command the command up to the subcommand's own arguments; the child's {@code --child}
   *     and {@code --reason} options are appended
   */
  ChildProcess(List<String> command, Duration timeout) {
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  /**
   * The JVM of this process started again on {@code mainClass}: {@code jvmOptions}, the class path
   * of this JVM, then {@code args}. In a macOS or Windows package the runtime has no {@code java}
   * binary (jlink strips it) and this process runs under jpackage's native launcher: the child is
   * then that launcher with {@link Resident#CHILD_COMMAND} first, and the launcher's own JVM
   * options; or, when this process runs under the resident's launcher, the one {@value
   * #CHILD_LAUNCHER} names.
   */
  static List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args) {
    String sibling = System.getProperty(CHILD_LAUNCHER);
    return command(
        Path.of(System.getProperty("java.home")),
        ProcessHandle.current().info().command().map(self -> childLauncher(self, sibling)),
        System.getProperty("java.class.path"),
        jvmOptions,
        mainClass,
        args);
  }

  /**
   * The launcher named {@code sibling} in the folder of {@code self}, keeping its .exe; self
   * without a name.
   */
  static String childLauncher(String self, String sibling) {
    if (sibling == null || sibling.isBlank()) {
      return self;
    }
    Path path = Path.of(self);
    String name =
        path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".exe")
            ? sibling + ".exe"
            : sibling;
    return path.resolveSibling(name).toString();
  }

  static List<String> command(
      Path javaHome,
      Optional<String> self,
      String classPath,
      List<String> jvmOptions,
      String mainClass,
      List<String> args) {
    List<String> cmd =
        new ArrayList<>(
            Relaunch.command(javaHome, self, jvmOptions, classPath, mainClass, "scan children"));
    cmd.add(Resident.CHILD_COMMAND);
    cmd.addAll(args);
    return cmd;
  }

  /** A started child and the thread writing its output into the log. */
  record Started(Kind kind, Process process, Thread relay) {}

  /** Runs a child to its end (or the timeout) and returns its exit status. */
  int run(Kind kind, String reason) throws InterruptedException {
    Optional<Started> s = start(kind, reason, false);
    return s.isEmpty() ? TIMED_OUT : finish(s.get());
  }

  /**
   * Starts a child. A held one starts its JVM, opens the store and builds the scanner, then waits
   * for {@link #finish} before it scans: the resident starts it on the first change and lets it go
   * when the debounce ends, so the JVM start overlaps the quiet time.
   */
  synchronized Optional<Started> start(Kind kind, String reason, boolean held) {
    if (stopping) {
      return Optional.empty();
    }
    List<String> cmd = new ArrayList<>(command);
    cmd.add("--child=" + kind.option);
    cmd.add("--reason=" + reason);
    if (held) {
      cmd.add("--hold");
    }
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (!held) {
        p.getOutputStream().close(); // the child reads nothing
      }
    } catch (IOException e) {
      log.error("cannot start the {} child: {}", kind.option, e.toString());
      return Optional.empty();
    }
    Thread relay = new Thread(() -> relay(p), "daylight-child-" + p.pid());
    relay.setDaemon(true);
    relay.start();
    return Optional.of(new Started(kind, p, relay));
  }

  /** Lets a (held) child go and waits for its end or the timeout; returns its exit status. */
  int finish(Started s) throws InterruptedException {
    Process p = s.process();
    synchronized (this) {
      running = p;
    }
    try {
      release(p, "go\n");
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} child {} still running after {}: stopping it", s.kind().option, p.pid(), timeout);
        end(p);
        s.relay().join(GRACE.toMillis());
        return TIMED_OUT;
      }
      s.relay().join(GRACE.toMillis()); // the rest of its output, before the caller reads its files
      return p.exitValue();
    } finally {
      synchronized (this) {
        running = null;
      }
    }
  }

  /** Ends a held child without a scan (the agent is stopping). */
  void abandon(Started s) throws InterruptedException {
    release(s.process(), ""); // end of input: a held child exits without scanning
    if (!s.process().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      end(s.process());
    }
  }

  private static void release(Process p, String line) {
    try (var in = p.getOutputStream()) {
      in.write(line.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // not held (input already closed) or already gone: its exit status tells
    }
  }

  /**
   * Lets a running child finish within {@code wait}, then stops it; later {@link #start} calls
   * start nothing. Called when the agent stops.
   */
  void stop(Duration wait) throws InterruptedException {
    Process p;
    synchronized (this) {
      stopping = true;
      p = running;
    }
    if (p != null && !p.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      log.info("stopping the running child {}", p.pid());
      end(p);
    }
  }

  private static void end(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM: a scan in the middle of a commit is rolled back by SQLite
    if (!p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static void relay(Process p) {
    LogRelay relay = new LogRelay();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        relay.line(line);
      }
    } catch (IOException e) {
      log.debug("child output ended: {}", e.toString());
    }
  }
}
