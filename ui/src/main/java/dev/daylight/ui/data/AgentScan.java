package dev.daylight.ui.data;

import dev.daylight.agent.assess.RuleConfig;
import dev.daylight.agent.pipeline.JudgedScanner;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Inventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * "Scan now" runs the agent's one judging pipeline ({@link JudgedScanner}: discovery, installed
 * packages, AI apps, rules with the intel of the state folder), so the tray judges exactly as the
 * CLI and the daemon do.
 */
public final class AgentScan {
  private AgentScan() {}

  /**
   * Built afresh for each scan and dropped after it: the intel index is only needed while judging,
   * and an idle tray should not hold it.
   */
  public static Function<ScanContext, Inventory> pipeline(Path stateDir) {
    return context -> {
      try {
        return JudgedScanner.create(stateDir, List.of(), RuleConfig.defaults()).scan(context);
      } catch (IOException e) {
        throw new UncheckedIOException("Daylight's intel could not be read: " + e.getMessage(), e);
      }
    };
  }
}
