package dev.daylight.agent.daemon;

import dev.daylight.agent.assess.Assessor;
import dev.daylight.agent.assess.RuleConfig;
import dev.daylight.agent.installed.InstalledStage;
import dev.daylight.agent.intel.Intel;
import dev.daylight.agent.intel.IntelStore;
import dev.daylight.agent.scan.Scanner;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan the daemon runs: discovery, installed packages, the rules with the bundled intel plus
 * whatever {@code daylight intel import} stored in the state folder.
 */
public final class AgentPipeline {
  private static final Logger log = LoggerFactory.getLogger(AgentPipeline.class);

  private AgentPipeline() {}

  public static Scanner scanner(Path stateDir) {
    Intel.Builder intel = Intel.builder().addBundled();
    try {
      new IntelStore(stateDir).addTo(intel);
    } catch (IOException e) {
      log.warn("imported intel in {} unreadable; using the bundled snapshot only: {}", stateDir, e.toString());
    }
    return Scanner.standard()
        .then(new InstalledStage())
        .then(new Assessor(intel.build(), RuleConfig.defaults()).stage());
  }
}
