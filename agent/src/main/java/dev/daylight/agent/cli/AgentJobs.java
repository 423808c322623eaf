package dev.daylight.agent.cli;

import dev.daylight.agent.allusers.AllUsers;
import dev.daylight.agent.config.ManagedConfig;
import dev.daylight.agent.daemon.Daemon;
import dev.daylight.agent.daemon.WatchLocations;
import dev.daylight.agent.platform.Accounts;
import dev.daylight.agent.report.Credentials;
import dev.daylight.agent.report.Enroller;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.Scanner;
import dev.daylight.agent.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@code daylight run} hands the daemon: the scan, the places to watch, the first enrollment. */
final class AgentJobs {
  private static final Logger log = LoggerFactory.getLogger(AgentJobs.class);

  private AgentJobs() {}

  /** One scan: of the context's home, or of every account's home for the machine-wide service. */
  static Daemon.ScanJob scan(Scanner scanner, ScanContext context, boolean allUsers) {
    if (!allUsers) {
      return () -> scanner.scan(context);
    }
    // Accounts are listed at every scan: a person added to the machine is scanned from then on.
    return () -> AllUsers.scan(scanner::scan, context, Accounts.onThisMachine(context.layout()));
  }

  /** The config locations of the context's home, or of every account's home. */
  static Set<Path> locations(ScanContext context, boolean allUsers) {
    Set<Path> all = new LinkedHashSet<>(WatchLocations.of(context));
    if (allUsers) {
      for (Accounts.Account a : Accounts.onThisMachine(context.layout())) {
        all.addAll(WatchLocations.of(new ScanContext(context.layout().forHome(a.home()), Map.of(),
            false, context.store(), context.walkDepth(), Optional.empty(), Optional.of(a.name()))));
      }
    }
    return all;
  }

  /**
   * Enrolls with the collector named in the managed agent.conf (or MDM profile) when this state
   * folder has no node key yet; a failure is logged and retried at the next delivery round.
   */
  static void enrollIfManaged(Path stateDir, Store store) {
    if (Credentials.load(stateDir).isPresent()) {
      return;
    }
    ManagedConfig config = ManagedConfig.forThisMachine();
    if (!config.canEnroll()) {
      return;
    }
    try {
      Enroller.enroll(stateDir, config.collector().orElseThrow().toString(),
          config.enrollSecret().orElseThrow(), null, null);
      store.requestSnapshot();
      log.info("enrolled with {} from {}", config.collector().orElseThrow(), config.sources());
    } catch (IOException | RuntimeException e) {
      log.warn("enrollment with {} failed, retrying later: {}", config.collector().orElseThrow(), e.getMessage());
    }
  }
}
