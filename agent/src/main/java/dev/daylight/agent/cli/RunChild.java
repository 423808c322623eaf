package dev.daylight.agent.cli;

import ch.qos.logback.classic.Level;
import dev.daylight.agent.daemon.ChildContract;
import dev.daylight.agent.daemon.DaemonLogging;
import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.Scanner;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.agent.store.Recorded;
import dev.daylight.agent.store.Store;
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
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan child of {@code daylight run}, a JVM of its own: scans and stores, tells the resident
 * what to watch, delivers the outbox and pulls the fleet policy, then exits. The exit status says
 * whether reports are still waiting ({@link ChildContract#DELIVERY_PENDING}); a delivery child
 * skips the scan unless the policy it pulls has changed, which is judged again at once. Started
 * by the resident with {@link ChildArgs}, not through picocli; public only for the java launcher.
 */
public final class RunChild {
  private static final Logger log = LoggerFactory.getLogger(RunChild.class);

  private final ChildArgs args;
  private final Store store;
  private final Scanner scanner;
  private final ScanContext context;

  private RunChild(ChildArgs args, Store store, Scanner scanner, ScanContext context) {
    this.args = args;
    this.store = store;
    this.scanner = scanner;
    this.context = context;
  }

  public static void main(String[] argv) {
    ChildArgs args;
    try {
      args = ChildArgs.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("daylight run child: " + e.getMessage());
      System.exit(ExitCodes.USAGE);
      return;
    }
    DaemonLogging.toResident(Level.toLevel(args.logLevel(), Level.INFO));
    int status;
    try {
      status = run(args);
    } catch (Exception | StackOverflowError e) {
      log.error("{} child failed", args.mode(), e);
      status = ExitCodes.RUNTIME_FAILURE;
    }
    System.exit(status);
  }

  static int run(ChildArgs args) throws Exception {
    long t0 = System.nanoTime();
    Path dir = args.stateDir();
    // The store opens (native library, schema check) while the scanner is built: both sit between
    // the change and its finding.
    CompletableFuture<Store> opening = CompletableFuture.supplyAsync(() -> Store.open(dir));
    Scanner scanner;
    ScanContext context;
    Set<Path> locations;
    try {
      scanner = args.judge().scanner(dir);
      context = args.context().withFingerprintKey(DeviceKey.loadOrCreate(dir));
      locations = AgentJobs.locations(context, args.allUsers());
    } catch (IOException | RuntimeException e) {
      opening.thenAccept(Store::close);
      throw e;
    }
    int status;
    try (Store store = ready(opening)) {
      RunChild child = new RunChild(args, store, scanner, context);
      if (args.hold()) {
        log.debug("{} child ready after {} ms, waiting for the go", args.mode(), (System.nanoTime() - t0) / 1_000_000);
        if (!released()) {
          log.debug("{} child let go without work", args.mode());
          return ExitCodes.OK;
        }
      }
      if (args.scans() && !child.scan(args.reason(), locations)) {
        return ExitCodes.RUNTIME_FAILURE;
      }
      status = child.deliver(locations);
      Guard.refresh(dir, store); // the policy pulled may have changed the mode or a fleet decision
      Optional<Duration> interval = store.setting(Reporter.SCAN_INTERVAL).map(Long::parseLong)
          .filter(s -> s > 0).map(Duration::ofSeconds);
      ChildContract.writeInterval(dir, interval);
    }
    log.info("{} child done in {} ms{}", args.mode(), (System.nanoTime() - t0) / 1_000_000, peakRss());
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
      Inventory inv = AgentJobs.scan(scanner, context, args.allUsers()).scan();
      Recorded rec = store.record(inv);
      Guard.refresh(args.stateDir(), store);
      for (McpServer s : inv.servers()) {
        watch.add(Path.of(s.configPath()));
      }
      for (ScanError e : inv.errors()) {
        watch.add(Path.of(e.path()));
      }
      ChildContract.writeWatchList(args.stateDir(), watch);
      log.info("scan {} stored ({}): {} servers, {} findings, {} events, {} ms", inv.scanId(), reason,
          inv.servers().size(), rec.inventory().findings().size(), rec.events().size(),
          (System.nanoTime() - t0) / 1_000_000);
      rec.events().forEach(e -> log.info("event {} {} {}", e.id(), e.type(), e.summary()));
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      ChildContract.writeWatchList(args.stateDir(), watch); // at least the catalog's locations
      log.error("scan failed ({}); next attempt at the next change or interval", reason, e);
      return false;
    }
  }

  /**
   * Enrolls when the managed configuration says so, pulls the policy, sends the outbox. A policy
   * that changed is judged at once (one more scan) and that scan's report sent too.
   */
  private int deliver(Set<Path> locations) throws IOException {
    switch (AgentJobs.enroll(args.stateDir(), store)) {
      case NOT_CONFIGURED:
        return ExitCodes.OK; // no collector: nothing can wait for delivery
      case FAILED:
        return ChildContract.DELIVERY_PENDING;
      default:
        break;
    }
    Reporter reporter = new Reporter(args.stateDir());
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
