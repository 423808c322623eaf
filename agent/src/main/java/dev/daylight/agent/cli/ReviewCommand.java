package dev.daylight.agent.cli;

import dev.daylight.identity.Purls;
import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.intel.Ecosystems;
import dev.daylight.agent.release.Reviewer;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true,
    description = "Show what a package version changed, or approve or deny it. Approving a suspended version"
        + " restores trust and closes its findings; it first prints the review and, when anything is high or"
        + " critical, approves only with --yes. Denying raises a finding while it is configured.")
final class ReviewCommand implements Callable<Integer> {
  enum Decision { show, approve, deny }

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(index = "0", description = "show, approve or deny")
  Decision decision;

  @Parameters(index = "1", paramLabel = "PURL[@VERSION]",
      description = "e.g. pkg:npm/postmark-mcp@1.0.16 (show without a version: the version servers run now)")
  String target;

  @Option(names = "--by", description = "Who decided (default: the current user).")
  String by;

  @Option(names = "--yes", description = "Approve even though the review has high or critical findings.")
  boolean yes;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    if (!target.startsWith("pkg:") || target.endsWith("@")) {
      throw usage();
    }
    String purl = Purls.base(target);
    String version = target.length() > purl.length() + 1 && target.charAt(purl.length()) == '@'
        ? target.substring(purl.length() + 1) : null;
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open()) {
      Inventory latest = s.latest().orElse(null);
      if (version == null && decision != Decision.show) {
        throw usage();
      }
      if (version == null) {
        version = running(latest, purl).orElseThrow(() -> new ParameterException(spec.commandLine(),
            "no server runs " + purl + " in the latest scan; name the version: " + purl + "@VERSION"));
      }
      List<Finding> review = decision == Decision.deny ? List.of() : review(s, latest, purl, version);
      if (decision == Decision.show) {
        ReleasePrint.print(out, format, purl, from(review), version, review);
        return review.stream().anyMatch(f -> f.severity().atLeast(Severity.HIGH)) ? ExitCodes.FINDINGS : ExitCodes.OK;
      }
      if (decision == Decision.approve) {
        ReleasePrint.print(out, OutputFormat.TABLE, purl, from(review), version, review);
        long bad = review.stream().filter(f -> f.severity().atLeast(Severity.HIGH)).count();
        if (bad > 0 && !yes) {
          spec.commandLine().getErr().println("not approved: " + bad + " finding(s) of the review are high or critical;"
              + " read them, then run again with --yes to approve anyway");
          spec.commandLine().getErr().flush();
          return ExitCodes.FINDINGS;
        }
      }
      ReviewState state = decision == Decision.approve ? ReviewState.APPROVED : ReviewState.DENIED;
      List<ChangeEvent> events = s.review(purl, version, state, by != null ? by : System.getProperty("user.name"));
      Guard.refresh(store.dir(), s); // the hook lets the approved version through from the next call
      for (ChangeEvent e : events) {
        out.println(e.type().wire() + ": " + e.summary());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static List<Finding> review(Store s, Inventory latest, String purl, String version) {
    List<InstalledPackage> cached = latest == null ? List.of() : latest.packages();
    return new Reviewer(s, cached).review(purl, ecosystem(purl), version, null);
  }

  /** The version servers of the latest scan run, newest first when there are several. */
  private static Optional<String> running(Inventory latest, String purl) {
    if (latest == null) {
      return Optional.empty();
    }
    List<String> versions = new ArrayList<>();
    for (McpServer m : latest.servers()) {
      if (m.pkg() != null && m.pkg().version() != null && m.pkg().purl() != null && Purls.base(m.pkg().purl()).equals(purl)) {
        versions.add(m.pkg().version());
      }
    }
    return versions.stream().max(Ecosystems.versionOrder(ecosystem(purl)));
  }

  private static String from(List<Finding> review) {
    return review.stream().map(f -> f.release() == null ? null : f.release().from())
        .filter(v -> v != null).findFirst().orElse(null);
  }

  static String ecosystem(String purl) {
    return purl.startsWith("pkg:npm/") ? "npm" : purl.startsWith("pkg:pypi/") ? "PyPI" : purl.substring(4, purl.indexOf('/'));
  }

  private ParameterException usage() {
    return new ParameterException(spec.commandLine(),
        "expected PURL@VERSION such as pkg:npm/postmark-mcp@1.0.16, got '" + target + "'");
  }
}
