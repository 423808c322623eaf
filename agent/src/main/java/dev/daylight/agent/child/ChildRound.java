package dev.daylight.agent.child;

import dev.daylight.agent.daemon.ChildContract;
import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.guard.GuardEvents;
import dev.daylight.agent.machineview.UserViews;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Accounts;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.agent.store.Recorded;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.usage.Usage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a scan child of {@code daylight run}: scans and stores, tells the resident what to
 * watch, delivers the outbox and pulls the fleet policy. The status says whether reports are still
 * waiting ({@link ChildContract#DELIVERY_PENDING}); a delivery child skips the scan unless the
 * policy it pulls has changed, which is judged again at once.
 */
public final class ChildRound {
  private static final Logger log = LoggerFactory.getLogger(ChildRound.class);

  /** What the child was started for. */
  public enum Mode {
    scan,
    deliver
  }

  /** Builds what the round needs from the parsed options; may fail before any work is done. */
  public interface Setup {
    Scanner scanner(Path stateDir) throws IOException;

    /** The scan's context as the options give it (the round makes it store and sign). */
    ScanContext context();

    /** Whether the options ask for host probes (the daemon probes only the machine it runs on). */
    boolean machine();

    boolean allUsers();
  }

  private final Path dir;
  private final Setup setup;
  private final Mode mode;
  private final String reason;
  private final boolean allUsers;

  public ChildRound(Path stateDir, Setup setup, Mode mode, String reason) {
    this.dir = stateDir;
    this.setup = setup;
    this.mode = mode;
    this.reason = reason;
    this.allUsers = setup.allUsers();
  }

  private Store store;
  private Scanner scanner;
  private ScanContext context;

  /**
   * Works once; with {@code hold}, first waits for the resident's go on stdin (end of input: exits
   * without work). Returns the child's exit status.
   */
  public int run(boolean hold) throws Exception {
    long t0 = System.nanoTime();
    // The store opens (native library, schema check) while the scanner is built: both sit between
    // the change and its finding.
    CompletableFuture<Store> opening = CompletableFuture.supplyAsync(() -> Store.open(dir));
    Set<Path> locations;
    try {
      scanner = setup.scanner(dir);
      // The daemon scans a given home without host probes and always stores (into its own store).
      ScanContext base = setup.context();
      context =
          base.withHostProbes(base.hostProbes() && setup.machine())
              .withStore(true)
              .withFingerprintKey(DeviceKey.loadOrCreate(dir));
      locations = ChildJobs.locations(context, allUsers);
    } catch (IOException | RuntimeException e) {
      opening.thenAccept(Store::close);
      throw e;
    }
    int status;
    try (Store opened = ready(opening)) {
      store = opened;
      if (hold) {
        log.debug(
            "{} child ready after {} ms, waiting for the go",
            mode,
            (System.nanoTime() - t0) / 1_000_000);
        if (!released()) {
          log.debug("{} child let go without work", mode);
          return ChildContract.OK;
        }
      }
      if (mode == Mode.scan && !scan(reason, locations)) {
        return ChildContract.FAILED;
      }
      // The calls the hook refused, for this round's report.
      if (allUsers) {
        GuardEvents.collectAllUsers(store, Layout.currentMachine());
      } else {
        GuardEvents.collect(dir, store);
      }
      status = deliver(locations);
      Guard.refresh(dir, store); // the policy pulled may have changed the mode or a fleet decision
      if (allUsers) {
        Guard.followFleet(dir, store, Layout.currentMachine());
      }
      if (allUsers) {
        writeViews();
      }
      Optional<Duration> interval =
          store
              .setting(Reporter.SCAN_INTERVAL)
              .map(Long::parseLong)
              .filter(s -> s > 0)
              .map(Duration::ofSeconds);
      ChildContract.writeInterval(dir, interval);
    }
    log.info("{} child done in {} ms{}", mode, (System.nanoTime() - t0) / 1_000_000, peakRss());
    return status;
  }

  private static Store ready(CompletableFuture<Store> opening) {
    try {
      return opening.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Scans, stores, logs the events and writes the watch list; false when the scan failed. */
  private boolean scan(String reason, Set<Path> locations) throws IOException {
    long t0 = System.nanoTime();
    Set<Path> watch = new LinkedHashSet<>(locations);
    try {
      Usage.Read usage =
          Usage.read(
              ChildJobs.scan(scanner, context, allUsers).scan(),
              Usage.homes(context, allUsers),
              store,
              dir,
              Instant.now().minus(Usage.DEFAULT_WINDOW));
      Inventory inv = usage.inventory();
      Recorded rec = store.record(inv, usage.days());
      Guard.refresh(dir, store);
      for (McpServer s : inv.servers()) {
        watch.add(Path.of(s.configPath()));
      }
      for (ScanError e : inv.errors()) {
        watch.add(Path.of(e.path()));
      }
      if (allUsers) {
        watch.addAll(UserViews.requestTargets(dir, Accounts.onThisMachine(context.layout())));
      }
      ChildContract.writeWatchList(dir, watch);
      log.info(
          "scan {} stored ({}): {} servers, {} findings, {} events, {} ms",
          inv.scanId(),
          reason,
          inv.servers().size(),
          rec.inventory().findings().size(),
          rec.events().size(),
          (System.nanoTime() - t0) / 1_000_000);
      rec.events().forEach(e -> log.info("event {} {} {}", e.id(), e.type().wire(), e.summary()));
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      ChildContract.writeWatchList(dir, watch); // at least the catalog's locations
      log.error("scan failed ({}); next attempt at the next change or interval", reason, e);
      return false;
    }
  }

  /**
   * Enrolls when the managed configuration says so, pulls the policy, sends the outbox. A policy
   * that changed is judged at once (one more scan) and that scan's report sent too.
   */
  private int deliver(Set<Path> locations) throws IOException {
    switch (ChildJobs.enroll(dir, store)) {
      case NOT_CONFIGURED:
        return ChildContract.OK; // no collector: nothing can wait for delivery
      case FAILED:
        return ChildContract.DELIVERY_PENDING;
      default:
        break;
    }
    Reporter reporter = new Reporter(dir);
    Reporter.Round round = reporter.deliverNow(store);
    if (round.policyUpdated() && round.problem().isEmpty()) {
      if (scan("fleet policy changed", locations)) {
        round = reporter.deliverNow(store);
      }
    }
    if (round.problem().isEmpty()) {
      return ChildContract.OK;
    }
    log.info("{} report(s) still queued: {}", round.pending(), round.problem().get());
    // Retried between scans only when waiting can help; after enrolling, the next scan sends them.
    return round.worthRetrying() ? ChildContract.DELIVERY_PENDING : ChildContract.OK;
  }

  /**
   * The per-user views of the machine service (what each person's tray shows); a failure is only
   * logged.
   */
  private void writeViews() {
    try {
      UserViews.write(store, dir, Accounts.onThisMachine(context.layout()));
    } catch (IOException | RuntimeException e) {
      log.warn("cannot write the per-user views in {}: {}", dir, e.getMessage());
    }
  }

  /** Waits for the resident's go (a line on stdin); false at end of input (the agent stops). */
  private static boolean released() throws IOException {
    return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine()
        != null;
  }

  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return ", peak RSS " + line.substring(6).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return "";
  }
}
