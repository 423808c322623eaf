package dev.daylight.agent.cli;

import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code scan --report}: deliver the outbox (with the scan just stored) right away. */
final class ReportNow {
  private ReportNow() {}

  /** @return an exit code: OK when everything queued reached the collector */
  static int run(Path stateDir, PrintWriter err) {
    try (Store store = Store.open(stateDir)) {
      Reporter.Round r = new Reporter(stateDir).deliverNow(store);
      if (r.problem().isPresent() || r.pending() > 0) {
        err.println("daylight: report: " + r.delivered() + " delivered, " + r.pending() + " still queued"
            + r.problem().map(p -> " (" + p + ")").orElse(""));
        err.flush();
        return ExitCodes.RUNTIME_FAILURE;
      }
      return ExitCodes.OK;
    }
  }
}
