package dev.daylight.agent.approval;

import dev.daylight.agent.assess.RuleConfig;
import dev.daylight.agent.capability.ServerCapabilities;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.ScanStage;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.usage.Ledger;
import dev.daylight.agent.usage.Usage;
import dev.daylight.agent.usage.UsageSummary;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ToolUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every server its capabilities, then, for a scan that keeps a store, opens {@code
 * unapproved-capability} for each class that needs an approval and has none. Runs after the release
 * stage (packages carry their classes by then). The tool calls it counts are the usage ledger's
 * over its window, the ledger brought up to date first.
 */
public final class ApprovalStage implements ScanStage {
  /**
   * The rule id of its findings ({@code --disable-rule} switches them off, the capabilities stay).
   */
  public static final String RULE = Unapproved.RULE;

  private final Path stateDir;
  private final List<String> local;
  private final boolean judge;

  /**
   * @param rules the rules file: its {@code approval.classes} (checked here: an unknown class is an
   *     {@link IllegalArgumentException}), and whether {@code unapproved-capability} is switched
   *     off
   */
  public ApprovalStage(Path stateDir, RuleConfig rules) {
    this.stateDir = stateDir;
    this.local =
        rules.approvalClasses() == null
            ? null
            : ApprovalPolicy.check(rules.approvalClasses(), "approval.classes");
    this.judge = rules.enabled(Unapproved.RULE);
  }

  @Override
  public Inventory apply(Inventory inventory, ScanContext context) {
    if (!context.store() || stateDir == null) {
      return withCapabilities(inventory, Map.of());
    }
    try (Store store = Store.open(stateDir)) {
      Inventory with = withCapabilities(inventory, calledTools(inventory, context, store));
      if (!judge) {
        return with;
      }
      List<Finding> found =
          Unapproved.assess(
              with.servers(), ApprovalPolicy.needed(store, local), new StoreLedger(store));
      if (found.isEmpty()) {
        return with;
      }
      List<Finding> all = new ArrayList<>(with.findings());
      all.addAll(found);
      return with.withFindings(all);
    }
  }

  static Inventory withCapabilities(Inventory inventory, Map<String, List<String>> calledTools) {
    List<McpServer> servers = new ArrayList<>(inventory.servers().size());
    ServerCapabilities.Installed installed = new ServerCapabilities.Installed(inventory.packages());
    for (McpServer s : inventory.servers()) {
      ServerCapabilities.Found f =
          ServerCapabilities.of(s, installed, calledTools.getOrDefault(s.id(), List.of()));
      servers.add(s.toBuilder().capabilities(f.capabilities(), f.why()).build());
    }
    return inventory.toBuilder().servers(servers).build();
  }

  /**
   * Server id to the tools the ledger's window shows it was asked to run. The ledger is brought up
   * to date first, so a call recorded since the last scan counts now; the front end's own pass
   * after the scan then finds nothing new (a stat per record file) and reports unreadable files.
   */
  private Map<String, List<String>> calledTools(
      Inventory inventory, ScanContext context, Store store) {
    Map<String, Set<String>> known = new HashMap<>();
    for (McpServer s : inventory.servers()) {
      known.computeIfAbsent(s.client(), c -> new HashSet<>()).add(s.name());
    }
    Ledger.bundled().update(context, store, known, stateDir);
    Inventory used =
        UsageSummary.attach(inventory, store.usageSince(Instant.now().minus(Usage.DEFAULT_WINDOW)));
    Map<String, List<String>> out = new HashMap<>();
    for (McpServer s : used.servers()) {
      if (s.usage() != null && !s.usage().tools().isEmpty()) {
        out.put(s.id(), s.usage().tools().stream().map(ToolUsage::name).toList());
      }
    }
    return out;
  }
}
