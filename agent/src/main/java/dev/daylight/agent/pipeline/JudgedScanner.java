package dev.daylight.agent.pipeline;

import dev.daylight.agent.approval.ApprovalStage;
import dev.daylight.agent.apps.AppsStage;
import dev.daylight.agent.assess.Assessor;
import dev.daylight.agent.assess.RuleConfig;
import dev.daylight.agent.installed.InstalledStage;
import dev.daylight.agent.intel.IntelSource;
import dev.daylight.agent.release.ReleaseStage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one scan pipeline every front end should run (CLI scan, daemon, tray): discovery, then
 * installed packages, AI apps, the release review of changed package versions, each server's
 * capabilities and the approvals they need, and last the rules with the intel of {@code stateDir}
 * (bundled snapshot + imported and fleet records, reloaded when they change) plus {@code
 * extraIntel}.
 */
public final class JudgedScanner {
  private JudgedScanner() {}

  public static Scanner create(Path stateDir, List<Path> extraIntel, RuleConfig rules)
      throws IOException {
    return Scanner.standard()
        .then(new InstalledStage())
        .then(new AppsStage())
        .then(new ReleaseStage(stateDir))
        .then(new ApprovalStage(stateDir, rules))
        .then(new Assessor(new IntelSource(stateDir, extraIntel), forAssessor(rules)).stage());
  }

  /** The rules file without the approval stage's rule, which the assessor does not know. */
  private static RuleConfig forAssessor(RuleConfig rules) {
    java.util.Set<String> off = new java.util.HashSet<>(rules.disabled());
    off.remove(ApprovalStage.RULE);
    return new RuleConfig(off, rules.severities(), rules.approvalClasses());
  }
}
