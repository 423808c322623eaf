package dev.daylight.ui.data;

import dev.daylight.agent.assess.Assessor;
import dev.daylight.agent.assess.RuleConfig;
import dev.daylight.agent.installed.InstalledStage;
import dev.daylight.agent.intel.Intel;
import dev.daylight.agent.intel.IntelStore;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.Scanner;
import dev.daylight.protocol.Inventory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's scan pipeline as "Scan now" runs it: discovery, installed packages, then the rules
 * with the bundled intel plus whatever {@code daylight intel import} stored. Built from the
 * agent's public stages, so the tray judges exactly as the CLI and the daemon do.
 */
public final class AgentScan {
  private static final Logger LOG = LoggerFactory.getLogger(AgentScan.class);

  private AgentScan() {}

  /**
   * Built afresh for each scan and dropped after it: the intel index is only needed while
   * judging, and an idle tray should not hold it (loading it takes well under a second).
   */
  public static Function<ScanContext, Inventory> pipeline(Path stateDir) {
    return context -> scanner(stateDir).scan(context);
  }

  private static Scanner scanner(Path stateDir) {
    Intel.Builder intel = Intel.builder().addBundled();
    try {
      new IntelStore(stateDir).addTo(intel);
    } catch (IOException e) {
      LOG.warn("Imported intel in {} unreadable; using the bundled snapshot only", stateDir, e);
    }
    return Scanner.standard()
        .then(new InstalledStage())
        .then(new Assessor(intel.build(), RuleConfig.defaults()).stage());
  }
}
