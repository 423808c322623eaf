package dev.daylight.agent.cli;

import dev.daylight.agent.daemon.ChildContract;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.Scanner;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.agent.store.Recorded;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan child of {@code daylight run}: scans and stores, tells the resident what to watch,
 * delivers the outbox and pulls the fleet policy, then exits. The exit status says whether
 * reports are still waiting ({@link ChildContract#DELIVERY_PENDING}); a delivery child skips the
 * scan unless the policy it pulls has changed, which is judged again at once.
 */
final class RunChild {
  private static final Logger log = LoggerFactory.getLogger(RunChild.class);

  private final RunCommand command;
  private final Path stateDir;
  private final Store store;
  private final Scanner scanner;
  private final ScanContext context;

  private RunChild(RunCommand command, Path stateDir, Store store, Scanner scanner, ScanContext context) {
    this.command = command;
    this.stateDir = stateDir;
    this.store = store;
    this.scanner = scanner;
    this.context = context;
  }

  static int run(RunCommand command, StoreOptions storeOptions, JudgeOptions judge) throws Exception {
    long t0 = System.nanoTime();
    Path dir = storeOptions.dir();
    ScanContext context = command.context().withFingerprintKey(DeviceKey.loadOrCreate(dir));
    int status;
    try (Store store = storeOptions.open()) {
      RunChild child = new RunChild(command, dir, store, judge.scanner(dir), context);
      boolean scan = "scan".equals(command.child);
      if (scan && !child.scan(command.reason)) {
        return ExitCodes.RUNTIME_FAILURE;
      }
      status = child.deliver(scan);
      Optional<Duration> interval = store.setting(Reporter.SCAN_INTERVAL).map(Long::parseLong)
          .filter(s -> s > 0).map(Duration::ofSeconds);
      ChildContract.writeInterval(dir, interval);
    }
    log.info("{} child done in {} ms{}", command.child, (System.nanoTime() - t0) / 1_000_000, peakRss());
    return status;
  }

  /** Scans, stores, logs the events and writes the watch list; false when the scan failed. */
  private boolean scan(String reason) throws IOException {
    long t0 = System.nanoTime();
    Set<Path> watch = new LinkedHashSet<>(AgentJobs.locations(context, command.allUsers));
    try {
      Inventory inv = AgentJobs.scan(scanner, context, command.allUsers).scan();
      Recorded rec = store.record(inv);
      for (McpServer s : inv.servers()) {
        watch.add(Path.of(s.configPath()));
      }
      for (ScanError e : inv.errors()) {
        watch.add(Path.of(e.path()));
      }
      ChildContract.writeWatchList(stateDir, watch);
      log.info("scan {} stored ({}): {} servers, {} findings, {} events, {} ms", inv.scanId(), reason,
          inv.servers().size(), rec.inventory().findings().size(), rec.events().size(),
          (System.nanoTime() - t0) / 1_000_000);
      rec.events().forEach(e -> log.info("event {} {} {}", e.id(), e.type(), e.summary()));
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      ChildContract.writeWatchList(stateDir, watch); // at least the catalog's locations
      log.error("scan failed ({}); next attempt at the next change or interval", reason, e);
      return false;
    }
  }

  /**
   * Enrolls when the managed configuration says so, pulls the policy, sends the outbox. A policy
   * that changed is judged at once (one more scan) and that scan's report sent too.
   */
  private int deliver(boolean scanned) throws IOException {
    switch (AgentJobs.enroll(stateDir, store)) {
      case NOT_CONFIGURED:
        return ExitCodes.OK; // no collector: nothing can wait for delivery
      case FAILED:
        return ChildContract.DELIVERY_PENDING;
      default:
        break;
    }
    Reporter reporter = new Reporter(stateDir);
    Reporter.Round round = reporter.deliverNow(store);
    if (round.policyUpdated() && round.problem().isEmpty()) {
      if (scan("fleet policy changed")) {
        round = reporter.deliverNow(store);
      }
    }
    if (round.problem().isEmpty()) {
      return ExitCodes.OK;
    }
    log.info("{} report(s) still queued: {}", round.pending(), round.problem().get());
    return ChildContract.DELIVERY_PENDING;
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
