package dev.daylight.agent.assess;

import dev.daylight.agent.intel.Intel;
import dev.daylight.agent.scan.ScanStage;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Runs every enabled rule over an inventory; the last stage of a scan. */
public final class Assessor {
  /** Every rule id, in the order rules run. */
  public static final List<String> RULE_IDS = List.of(
      IntelRules.MALICIOUS, IntelRules.VULNERABLE, UnpinnedRule.ID, TyposquatRule.ID,
      PlaintextSecretRule.ID, InsecureRemoteRule.ID, BroadFilesystemRule.ID, ShellWrapperRule.ID,
      ExposedModelServerRule.ID, ConfigErrorRule.ID);

  private final Supplier<Intel> intel;
  private final RuleConfig config;
  private final List<Rule> rules;

  public Assessor(Intel intel, RuleConfig config) {
    this(() -> intel, config);
  }

  /** Asks {@code intel} for the current intel at each assessment, so a long-running agent sees updates. */
  public Assessor(Supplier<Intel> intel, RuleConfig config) {
    for (String id : config.disabled()) {
      if (!RULE_IDS.contains(id)) {
        throw new IllegalArgumentException("unknown rule '" + id + "' (rules: " + String.join(", ", RULE_IDS) + ")");
      }
    }
    this.intel = intel;
    this.config = config;
    this.rules = List.of(new IntelRules(), new UnpinnedRule(), new TyposquatRule(),
        new PlaintextSecretRule(), new InsecureRemoteRule(), new BroadFilesystemRule(),
        new ShellWrapperRule(), new ExposedModelServerRule(), new ConfigErrorRule());
  }

  /** The inventory with these rules' findings added (worst first), replacing same-id ones. */
  public Inventory assess(Inventory inventory, Path home) {
    FindingFactory out = new FindingFactory(config);
    AssessContext context = new AssessContext(intel.get(), home);
    for (Rule r : rules) {
      r.check(inventory, context, out);
    }
    Map<String, Finding> byId = new LinkedHashMap<>();
    inventory.findings().forEach(f -> byId.put(f.id(), f));
    out.findings().forEach(f -> byId.put(f.id(), f));
    List<Finding> all = new ArrayList<>(byId.values());
    all.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::rule).thenComparing(Finding::id));
    return inventory.withFindings(all);
  }

  /** This assessor as the scan's last stage. */
  public ScanStage stage() {
    return (inventory, context) -> assess(inventory, context.home());
  }
}
