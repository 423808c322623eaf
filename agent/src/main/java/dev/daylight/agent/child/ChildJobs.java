package dev.daylight.agent.child;

import dev.daylight.agent.allusers.AllUsers;
import dev.daylight.agent.daemon.WatchLocations;
import dev.daylight.agent.managed.AutoEnroll;
import dev.daylight.agent.managed.ManagedConfig;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Accounts;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What {@code daylight run} hands the daemon: the scan, the places to watch, the first enrollment.
 */
final class ChildJobs {
  private ChildJobs() {}

  /** One full scan of the machine (or of the configured home). */
  @FunctionalInterface
  interface ScanJob {
    Inventory scan();
  }

  /** One scan: of the context's home, or of every account's home for the machine-wide service. */
  static ScanJob scan(Scanner scanner, ScanContext context, boolean allUsers) {
    if (!allUsers) {
      return () -> scanner.scan(context);
    }
    // Accounts are listed at every scan: a person added to the machine is scanned from then on.
    return () -> AllUsers.scan(scanner::scan, context, Accounts.onThisMachine(context.layout()));
  }

  /** The config locations of the context's home, or of every account's home. */
  static Set<Path> locations(ScanContext context, boolean allUsers) {
    Set<Path> all = new LinkedHashSet<>();
    for (ScanContext c : allUsers ? AllUsers.contexts(context) : java.util.List.of(context)) {
      all.addAll(WatchLocations.of(c));
    }
    return all;
  }

  /**
   * Enrolls with the collector named in the managed agent.conf (or MDM profile) when this state
   * folder has no node key yet; a failure is logged and retried at the next delivery round.
   */
  static AutoEnroll.Outcome enroll(Path stateDir, Store store) {
    AutoEnroll.Outcome outcome = AutoEnroll.ensure(stateDir, ManagedConfig::forThisMachine);
    if (outcome == AutoEnroll.Outcome.ENROLLED) {
      store.requestSnapshot();
    }
    return outcome;
  }
}
