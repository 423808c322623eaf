package dev.daylight.agent.daemon;

import dev.daylight.agent.report.Backoff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the background agent that stays in memory: it watches config locations, debounces
 * changes, keeps the interval and the delivery retries, and runs each scan or delivery as a
 * short-lived child JVM ({@link ChildProcess}). It never loads the scan pipeline, the store, JSON
 * or HTTP, which is what keeps an idle agent small; what it needs from a scan (where to watch, the
 * policy's interval, whether reports wait) comes back as plain files and the exit code ({@link
 * ChildContract}). One thread runs the children, so they never overlap.
 */
public final class Resident implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Resident.class);

  /**
   * The agent's hidden subcommand that runs one scan child: after the main class when started on
   * {@code java}, or after the package's launcher in installs whose runtime has no {@code java}.
   */
  public static final String CHILD_COMMAND = "run-child";

  /** Interval floor for a fleet policy: each scan costs a JVM start. */
  static final Duration MIN_POLICY_INTERVAL = Duration.ofMinutes(1);

  /**
   * Settings: the command line's interval (a fleet policy may replace it), debounce, child timeout.
   */
  public record Settings(
      Duration interval, Duration debounce, Duration childTimeout, Path stateDir) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);
  }

  private final Settings settings;
  private final ChildProcess child;
  private final Backoff backoff = Backoff.standard();
  private final ScheduledThreadPoolExecutor loop =
      new ScheduledThreadPoolExecutor(
          1,
          r -> {
            Thread t = new Thread(r, "daylight-schedule");
            t.setDaemon(true);
            return t;
          });
  private final CountDownLatch stopped = new CountDownLatch(1);
  private ConfigWatcher watcher;
  private ScheduledFuture<?> debounced;
  private ScheduledFuture<?> nextScan;
  private ScheduledFuture<?> nextDelivery;
  private Set<Path> watched = Set.of();
  private ChildProcess.Started prepared;
  private Duration interval;
  private long lastScanStart;
  private int deliveryFailures;

  /**
   * @param childCommand the child's command up to its {@code --child} option (see {@link
   *     ChildProcess})
   */
  public Resident(Settings settings, List<String> childCommand) {
    this.settings = settings;
    this.child = new ChildProcess(childCommand, settings.childTimeout());
    this.interval = settings.interval();
    loop.setRemoveOnCancelPolicy(true);
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(
        false); // a stopping agent starts nothing
  }

  /** The command that starts a child: this JVM's binary and class path on {@code mainClass}. */
  public static List<String> childCommand(
      List<String> jvmOptions, String mainClass, List<String> args) {
    return ChildProcess.javaCommand(jvmOptions, mainClass, args);
  }

  /** Watches what the last scan named, scans now; returns at once. */
  public void start() throws IOException {
    watcher = new ConfigWatcher(path -> requestScan("change in " + path));
    Thread watch = new Thread(watcher::run, "daylight-watch");
    watch.setDaemon(true);
    watch.start();
    // The list of the previous run, if any: changes made during the first scan are then seen.
    watched = readWatchList();
    watcher.watch(watched);
    policyInterval().ifPresent(i -> interval = i);
    loop.execute(() -> scan("start/interval"));
    log.info("daemon started: interval {}, state {}", interval, settings.stateDir());
  }

  /** Asks for a scan after the debounce delay; more requests within it make one scan. */
  public synchronized void requestScan(String reason) {
    if (loop.isShutdown()) {
      return;
    }
    if (debounced != null) {
      debounced.cancel(false);
    }
    if (prepared == null) {
      // Start the JVM now and let it scan when the debounce ends and any running child is done:
      // its start-up overlaps the wait, and scans still never overlap.
      prepared = child.start(ChildProcess.Kind.SCAN, reason, true).orElse(null);
    }
    debounced =
        loop.schedule(() -> scan(reason), settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void scan(String reason) {
    ChildProcess.Started held;
    synchronized (this) {
      if (loop.isShutdown()) {
        return;
      }
      held = prepared;
      prepared = null;
    }
    lastScanStart = System.currentTimeMillis();
    int status;
    try {
      status = held != null ? child.finish(held) : child.run(ChildProcess.Kind.SCAN, reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = ChildProcess.TIMED_OUT;
    }
    afterChild(status, lastScanStart);
    scheduleInterval();
  }

  private void deliver() {
    if (loop.isShutdown()) {
      return;
    }
    long start = System.currentTimeMillis();
    afterChild(runChild(ChildProcess.Kind.DELIVER, "reports waiting"), start);
  }

  private int runChild(ChildProcess.Kind kind, String reason) {
    try {
      return child.run(kind, reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ChildProcess.TIMED_OUT;
    }
  }

  private synchronized void afterChild(int status, long started) {
    if (loop.isShutdown()) {
      return;
    }
    refreshWatches(started);
    Optional<Duration> policy = policyInterval();
    Duration wanted = policy.orElse(settings.interval());
    if (!wanted.equals(interval)) {
      log.info(
          "scan interval now {} ({})",
          wanted,
          policy.isPresent() ? "fleet policy" : "command line");
      interval = wanted;
      scheduleInterval();
    }
    if (status == 0) {
      deliveryFailures = 0;
      cancel(nextDelivery);
    } else if (status == ChildContract.DELIVERY_PENDING) {
      // Only now does a delivery child run between scans: an agent with an empty outbox, or one
      // that reports to no collector, starts no JVM until the next change or interval.
      deliveryFailures++;
      Duration wait = backoff.delay(deliveryFailures);
      log.info("reports still queued; next delivery attempt in {} s", wait.toSeconds());
      cancel(nextDelivery);
      nextDelivery = loop.schedule(this::deliver, wait.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      log.warn(
          "child failed (exit status {}); next attempt at the next change or interval", status);
    }
  }

  private synchronized void scheduleInterval() {
    if (loop.isShutdown()) {
      return;
    }
    cancel(nextScan);
    long delay = Math.max(0, lastScanStart + interval.toMillis() - System.currentTimeMillis());
    nextScan = loop.schedule(() -> scan("start/interval"), delay, TimeUnit.MILLISECONDS);
  }

  /**
   * Watches what the child named. A location watched only from now on that changed after the child
   * started may have changed after the child read it: scan again rather than miss it.
   */
  private void refreshWatches(long started) {
    Set<Path> now = readWatchList();
    if (now.equals(watched)) {
      return;
    }
    watcher.watch(now);
    Set<Path> added = new HashSet<>(now);
    added.removeAll(watched);
    watched = now;
    for (Path p : added) {
      try {
        if (Files.exists(p) && Files.getLastModifiedTime(p).toMillis() >= started) {
          requestScan("change in " + p + " during the scan");
          return;
        }
      } catch (IOException e) {
        // gone again: nothing to scan
      }
    }
  }

  private Set<Path> readWatchList() {
    try {
      return ChildContract.readWatchList(settings.stateDir());
    } catch (UncheckedIOException e) {
      log.warn("{}; keeping the current watches", e.getMessage());
      return watched;
    }
  }

  private Optional<Duration> policyInterval() {
    try {
      return ChildContract.readInterval(settings.stateDir())
          .map(
              i -> {
                if (i.compareTo(MIN_POLICY_INTERVAL) < 0) {
                  log.warn(
                      "fleet policy asks for a scan every {}; using {}", i, MIN_POLICY_INTERVAL);
                  return MIN_POLICY_INTERVAL;
                }
                return i;
              });
    } catch (UncheckedIOException e) {
      log.warn("{}", e.getMessage());
      return Optional.empty();
    }
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  /** The interval in force: the fleet policy's, else the command line's. */
  public synchronized Duration interval() {
    return interval;
  }

  /** Folders the watcher has registered, for diagnostics and tests. */
  Set<Path> watchedFolders() {
    return watcher == null ? Set.of() : watcher.watchedFolders();
  }

  /** Blocks until {@link #close} has run. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops watching and scheduling; a running child gets a few seconds to finish, then is stopped.
   */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    ChildProcess.Started held;
    synchronized (this) {
      loop.shutdown();
      cancel(debounced);
      cancel(nextScan);
      cancel(nextDelivery);
      held = prepared;
      prepared = null;
    }
    try {
      if (watcher != null) {
        watcher.close();
      }
      if (held != null) {
        child.abandon(held);
      }
      child.stop(Duration.ofSeconds(10));
      loop.awaitTermination(20, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.warn("closing the watcher: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("daemon stopped");
    stopped.countDown();
  }
}
