package dev.daylight.agent.cli;

import dev.daylight.agent.machineview.UserViews;
import dev.daylight.agent.platform.Accounts;
import dev.daylight.agent.platform.Layout;

import ch.qos.logback.classic.Level;
import dev.daylight.agent.daemon.ChildContract;
import dev.daylight.agent.daemon.DaemonLogging;
import dev.daylight.agent.daemon.Resident;
import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.guard.GuardEvents;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.pipeline.Scanner;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One scan child of {@code daylight run}, a JVM of its own: scans and stores, tells the resident
 * what to watch, delivers the outbox and pulls the fleet policy, then exits. The exit status says
 * whether reports are still waiting ({@link ChildContract#DELIVERY_PENDING}); a delivery child
 * skips the scan unless the policy it pulls has changed, which is judged again at once. A hidden
 * subcommand with the mixins of {@code scan}, so every scan option reaches it.
 */
@Command(name = RunChild.NAME, hidden = true, description = "A scan or delivery child of `daylight run`.")
final class RunChild implements Callable<Integer> {
  static final String NAME = Resident.CHILD_COMMAND;
  private static final Logger log = LoggerFactory.getLogger(RunChild.class);

  enum Mode { scan, deliver }

  @Spec CommandSpec spec;
  @Mixin StoreOptions storeOptions = new StoreOptions();
  @Mixin JudgeOptions judge = new JudgeOptions();
  @Mixin ScanTarget target = new ScanTarget();

  @Option(names = "--child", required = true, description = "scan (then deliver) or deliver only.")
  Mode mode;

  @Option(names = "--reason", description = "Why the resident started this child, for the log.")
  String reason = "";

  @Option(names = "--hold", description = "Start, then wait for a line on stdin before working.")
  boolean hold;

  @Option(names = "--log-level", defaultValue = "INFO", description = "Level of Daylight's own logs.")
  String logLevel;

  private Store store;
  private Scanner scanner;
  private ScanContext context;

  @Override
  public Integer call() {
    DaemonLogging.toResident(Level.toLevel(logLevel, Level.INFO));
    try {
      return work();
    } catch (Exception | StackOverflowError e) {
      log.error("{} child failed", mode, e);
      return ExitCodes.RUNTIME_FAILURE;
    }
  }

  private int work() throws Exception {
    long t0 = System.nanoTime();
    Path dir = storeOptions.dir();
    // The store opens (native library, schema check) while the scanner is built: both sit between
    // the change and its finding.
    CompletableFuture<Store> opening = CompletableFuture.supplyAsync(() -> Store.open(dir));
    Set<Path> locations;
    try {
      scanner = judge.scanner(dir);
      // The daemon scans a given home without host probes and always stores (into its own store).
      ScanContext base = target.context(spec);
      context = base.withHostProbes(base.hostProbes() && target.machine()).withStore(true)
          .withFingerprintKey(DeviceKey.loadOrCreate(dir));
      locations = AgentJobs.locations(context, target.allUsers);
    } catch (IOException | RuntimeException e) {
      opening.thenAccept(Store::close);
      throw e;
    }
    int status;
    try (Store opened = ready(opening)) {
      store = opened;
      if (hold) {
        log.debug("{} child ready after {} ms, waiting for the go", mode, (System.nanoTime() - t0) / 1_000_000);
        if (!released()) {
          log.debug("{} child let go without work", mode);
          return ExitCodes.OK;
        }
      }
      if (mode == Mode.scan && !scan(reason, locations)) {
        return ExitCodes.RUNTIME_FAILURE;
      }
      // The calls the hook refused, for this round's report.
      if (target.allUsers) {
        GuardEvents.collectAllUsers(store, Layout.currentMachine());
      } else {
        GuardEvents.collect(dir, store);
      }
      status = deliver(locations);
      Guard.refresh(dir, store); // the policy pulled may have changed the mode or a fleet decision
      if (target.allUsers) {
        Guard.followFleet(dir, store, Layout.currentMachine());
      }
      if (target.allUsers) {
        writeViews();
      }
      Optional<Duration> interval = store.setting(Reporter.SCAN_INTERVAL).map(Long::parseLong)
          .filter(s -> s > 0).map(Duration::ofSeconds);
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
      Usage.Read usage = Usage.read(AgentJobs.scan(scanner, context, target.allUsers).scan(),
          Usage.homes(context, target.allUsers), store, storeOptions.dir(), Instant.now().minus(Usage.DEFAULT_WINDOW));
      Inventory inv = usage.inventory();
      Recorded rec = store.record(inv, usage.days());
      Guard.refresh(storeOptions.dir(), store);
      for (McpServer s : inv.servers()) {
        watch.add(Path.of(s.configPath()));
      }
      for (ScanError e : inv.errors()) {
        watch.add(Path.of(e.path()));
      }
      if (target.allUsers) {
        watch.addAll(UserViews.requestTargets(storeOptions.dir(), Accounts.onThisMachine(context.layout())));
      }
      ChildContract.writeWatchList(storeOptions.dir(), watch);
      log.info("scan {} stored ({}): {} servers, {} findings, {} events, {} ms", inv.scanId(), reason,
          inv.servers().size(), rec.inventory().findings().size(), rec.events().size(),
          (System.nanoTime() - t0) / 1_000_000);
      rec.events().forEach(e -> log.info("event {} {} {}", e.id(), e.type().wire(), e.summary()));
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      ChildContract.writeWatchList(storeOptions.dir(), watch); // at least the catalog's locations
      log.error("scan failed ({}); next attempt at the next change or interval", reason, e);
      return false;
    }
  }

  /**
   * Enrolls when the managed configuration says so, pulls the policy, sends the outbox. A policy
   * that changed is judged at once (one more scan) and that scan's report sent too.
   */
  private int deliver(Set<Path> locations) throws IOException {
    switch (AgentJobs.enroll(storeOptions.dir(), store)) {
      case NOT_CONFIGURED:
        return ExitCodes.OK; // no collector: nothing can wait for delivery
      case FAILED:
        return ChildContract.DELIVERY_PENDING;
      default:
        break;
    }
    Reporter reporter = new Reporter(storeOptions.dir());
    Reporter.Round round = reporter.deliverNow(store);
    if (round.policyUpdated() && round.problem().isEmpty()) {
      if (scan("fleet policy changed", locations)) {
        round = reporter.deliverNow(store);
      }
    }
    if (round.problem().isEmpty()) {
      return ExitCodes.OK;
    }
    log.info("{} report(s) still queued: {}", round.pending(), round.problem().get());
    // Retried between scans only when waiting can help; after enrolling, the next scan sends them.
    return round.worthRetrying() ? ChildContract.DELIVERY_PENDING : ExitCodes.OK;
  }

  /** The per-user views of the machine service (what each person's tray shows); a failure is only logged. */
  private void writeViews() {
    try {
      UserViews.write(store, storeOptions.dir(), Accounts.onThisMachine(context.layout()));
    } catch (IOException | RuntimeException e) {
      log.warn("cannot write the per-user views in {}: {}", storeOptions.dir(), e.getMessage());
    }
  }

  /** Waits for the resident's go (a line on stdin); false at end of input (the agent stops). */
  private static boolean released() throws IOException {
    return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() != null;
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
