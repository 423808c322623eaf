package dev.daylight.agent.cli;

import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.guard.GuardEvents;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.text.Visible;
import dev.daylight.protocol.Inventory;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code scan --report}: make sure the scan is in the store's outbox, then deliver right away. */
final class ReportNow {
  private ReportNow() {}

  /**
   * @return OK when everything queued reached the collector, else RUNTIME_FAILURE
   */
  static int run(Path stateDir, Inventory scan, PrintWriter err) {
    try (Store store = Store.open(stateDir)) {
      boolean recorded = store.lastScan().map(s -> s.scanId().equals(scan.scanId())).orElse(false);
      if (!recorded) {
        store.record(scan);
      }
      GuardEvents.collect(stateDir, store);
      Reporter.Round r = new Reporter(stateDir).deliverNow(store);
      Guard.refresh(stateDir, store);
      if (r.problem().isPresent() || r.pending() > 0) {
        err.println(
            "daylight: report: "
                + r.delivered()
                + " delivered, "
                + r.pending()
                + " still queued"
                + r.problem().map(p -> " (" + Visible.of(p) + ")").orElse(""));
        err.flush();
        return ExitCodes.RUNTIME_FAILURE;
      }
      return ExitCodes.OK;
    }
  }
}
