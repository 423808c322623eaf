package dev.daylight.agent.assess;

import dev.daylight.agent.intel.Intel;
import dev.daylight.agent.scan.ScanContext;
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
  public static final List<String> RULE_IDS =
      List.of(
          IntelRules.MALICIOUS,
          IntelRules.VULNERABLE,
          UnpinnedRule.ID,
          TyposquatRule.ID,
          PlaintextSecretRule.ID,
          InsecureRemoteRule.ID,
          BroadFilesystemRule.ID,
          ShellWrapperRule.ID,
          ExposedModelServerRule.ID,
          ConfigErrorRule.ID);

  private final Supplier<Intel> intel;
  private final RuleConfig config;

  /**
   * Built on first use, not in the constructor: a CLI scan builds its assessor on the main thread
   * before discovery, and the rules' lists and indexes (typosquat's most of all) take tens of ms
   * there; the stage's {@code prepare} builds them on the stages thread while discovery runs.
   */
  private volatile List<Rule> rules;

  public Assessor(Intel intel, RuleConfig config) {
    this(() -> intel, config);
  }

  /**
   * Asks {@code intel} for the current intel at each assessment, so a long-running agent sees
   * updates.
   */
  public Assessor(Supplier<Intel> intel, RuleConfig config) {
    for (String id : config.disabled()) {
      if (!RULE_IDS.contains(id)) {
        throw new IllegalArgumentException(
            "unknown rule '" + id + "' (rules: " + String.join(", ", RULE_IDS) + ")");
      }
    }
    this.intel = intel;
    this.config = config;
  }

  private List<Rule> rules() {
    List<Rule> built = rules;
    if (built == null) {
      synchronized (this) {
        built = rules;
        if (built == null) {
          built =
              List.of(
                  new IntelRules(),
                  new UnpinnedRule(),
                  new TyposquatRule(),
                  new PlaintextSecretRule(),
                  new InsecureRemoteRule(),
                  new BroadFilesystemRule(),
                  new ShellWrapperRule(),
                  new ExposedModelServerRule(),
                  new ConfigErrorRule());
          rules = built;
        }
      }
    }
    return built;
  }

  /** The inventory with these rules' findings added (worst first), replacing same-id ones. */
  public Inventory assess(Inventory inventory, Path home) {
    return assess(inventory, home, rules(), intel.get());
  }

  private Inventory assess(Inventory inventory, Path home, List<Rule> rules, Intel current) {
    FindingFactory out = new FindingFactory(config);
    AssessContext context = new AssessContext(current, home);
    for (Rule r : rules) {
      r.check(inventory, context, out);
    }
    Map<String, Finding> byId = new LinkedHashMap<>();
    inventory.findings().forEach(f -> byId.put(f.id(), f));
    out.findings().forEach(f -> byId.put(f.id(), f));
    List<Finding> all = new ArrayList<>(byId.values());
    all.sort(
        Comparator.comparing(Finding::severity)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::id));
    return inventory.withFindings(all);
  }

  /** This assessor as the scan's last stage; preparing it builds the rules and reads the intel. */
  public ScanStage stage() {
    return new ScanStage() {
      @Override
      public Inventory apply(Inventory inventory, ScanContext context) {
        return assess(inventory, context.home());
      }

      @Override
      public ScanStage prepare(ScanContext context) {
        List<Rule> ready = rules();
        Intel current = intel.get();
        return (inventory, c) -> assess(inventory, c.home(), ready, current);
      }
    };
  }
}
