package dev.daylight.agent.daemon;

import dev.daylight.agent.store.Recorded;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background agent: scans at start and every interval, rescans shortly after any watched
 * config location changes, stores each scan and hands the outbox to the reporter. One thread
 * scans (scans never overlap), one watches, one delivers; all idle in blocking waits, so an idle
 * daemon costs no CPU.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  /** One full scan of the machine (or of the configured home). */
  @FunctionalInterface
  public interface ScanJob {
    Inventory scan();
  }

  /**
   * Delivers the outbox: read {@link Store#pendingReports}, send, {@link Store#markDelivered}.
   * Called after every stored scan and at least every five minutes; {@code daylight run} wires the
   * collector reporter in. Exceptions are logged and the reports stay queued.
   */
  @FunctionalInterface
  public interface Delivery {
    void deliver(Store store) throws Exception;
  }

  /** Settings; {@code locations} lists config files and folders worth watching (missing ones too). */
  public record Settings(Duration interval, Duration debounce, Supplier<Set<Path>> locations) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);
    static final Duration MAX_DELIVERY_GAP = Duration.ofMinutes(5);
  }

  private final Store store;
  private final ScanJob job;
  private final Settings settings;
  private final Delivery delivery;
  private final ScheduledExecutorService scans =
      Executors.newSingleThreadScheduledExecutor(named("daylight-scan"));
  private final ScheduledExecutorService reports =
      Executors.newSingleThreadScheduledExecutor(named("daylight-report"));
  private final CountDownLatch stopped = new CountDownLatch(1);
  private ConfigWatcher watcher;
  private Thread watchThread;
  private ScheduledFuture<?> pending;
  private volatile Inventory last;

  public Daemon(Store store, ScanJob job, Settings settings, Delivery delivery) {
    this.store = store;
    this.job = job;
    this.settings = settings;
    this.delivery = delivery;
  }

  /** Scans now, then every interval; starts watching. Returns at once. */
  public void start() throws IOException {
    watcher = new ConfigWatcher(path -> requestScan("change in " + path));
    watchThread = named("daylight-watch").newThread(watcher::run);
    watchThread.start();
    long every = settings.interval().toMillis();
    scans.scheduleWithFixedDelay(() -> scan("start/interval"), 0, every, TimeUnit.MILLISECONDS);
    // Deliveries retry more often than full scans, so a collector outage heals within minutes.
    long deliverEvery = Math.min(every, Settings.MAX_DELIVERY_GAP.toMillis());
    reports.scheduleWithFixedDelay(this::deliver, deliverEvery, deliverEvery, TimeUnit.MILLISECONDS);
    log.info("daemon started: interval {}, store {}", settings.interval(), store.file());
  }

  /** Asks for a scan after the debounce delay; more requests within it make one scan. */
  public synchronized void requestScan(String reason) {
    if (pending != null && !pending.isDone()) {
      pending.cancel(false);
    }
    pending = scans.schedule(() -> scan(reason), settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void scan(String reason) {
    try {
      long t0 = System.nanoTime();
      // Watch first, scan second: a change made while the scan reads is then seen by the watch
      // and rescanned, never lost between the read and the registration.
      watcher.watch(targets(last));
      Inventory inv = job.scan();
      Recorded rec = store.record(inv);
      last = rec.inventory();
      watcher.watch(targets(inv));
      log.info("scan {} stored ({}): {} servers, {} findings, {} events, {} ms", inv.scanId(), reason,
          inv.servers().size(), rec.inventory().findings().size(), rec.events().size(),
          (System.nanoTime() - t0) / 1_000_000);
      rec.events().forEach(e -> log.info("event {} {} {}", e.id(), e.type(), e.summary()));
      reports.execute(this::deliver);
    } catch (RuntimeException | StackOverflowError e) {
      // Caught, not thrown: an exception escaping a periodic task would cancel every later scan.
      log.error("scan failed ({}); next attempt at the next change or interval", reason, e);
    }
  }

  private Set<Path> targets(Inventory inv) {
    Set<Path> all = new HashSet<>(settings.locations().get());
    if (inv == null) {
      return all;
    }
    for (McpServer s : inv.servers()) {
      all.add(Path.of(s.configPath()));
    }
    for (ScanError e : inv.errors()) {
      all.add(Path.of(e.path()));
    }
    return all;
  }

  private void deliver() {
    if (delivery == null) {
      return;
    }
    try {
      delivery.deliver(store);
    } catch (Exception e) {
      log.warn("outbox delivery failed, {} report(s) stay queued: {}", store.outboxDepth(), e.toString());
    }
  }

  /** Folders the watcher has registered, for diagnostics. */
  Set<Path> watchedFolders() {
    return watcher == null ? Set.of() : watcher.watchedFolders();
  }

  /** The inventory of the last stored scan, if any. */
  public java.util.Optional<Inventory> lastScan() {
    return java.util.Optional.ofNullable(last);
  }

  /** Blocks until {@link #close} has run. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops watching and scheduling, lets a running scan finish (bounded), closes nothing else. */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    scans.shutdown();
    reports.shutdown();
    try {
      if (watcher != null) {
        watcher.close();
      }
      scans.awaitTermination(20, TimeUnit.SECONDS);
      reports.awaitTermination(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.warn("closing the watcher: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("daemon stopped");
    stopped.countDown();
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
