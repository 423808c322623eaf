package dev.daylight.agent.cli;

import dev.daylight.agent.approval.Approvals;
import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.intel.Ecosystems;
import dev.daylight.agent.intel.Intel;
import dev.daylight.agent.intel.IntelMatch;
import dev.daylight.agent.intel.IntelStore;
import dev.daylight.agent.release.Reviewer;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.text.Visible;
import dev.daylight.identity.Purls;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description =
        "Show what a package version changed, or approve or deny it. Approving a suspended version"
            + " restores trust and closes its findings; it first prints the review and, when anything is high or"
            + " critical, approves only with --yes. Denying raises a finding while it is configured. The package"
            + " must have been seen by a scan (or give --force); a version that intel marks malicious is approved"
            + " only with --override-malicious REASON.")
final class ReviewCommand implements Callable<Integer> {
  enum Decision {
    show,
    approve,
    deny
  }

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(index = "0", description = "show, approve or deny")
  Decision decision;

  @Parameters(
      index = "1",
      paramLabel = "PURL[@VERSION]|server:NAME|class:ID",
      description =
          "e.g. pkg:npm/postmark-mcp@1.0.16 (show without a version: the version servers run now);"
              + " approve also takes server:NAME (that server, any version) or class:ID (every server with"
              + " that capability class, e.g. class:email-send)")
  String target;

  @Option(names = "--by", description = "Who decided (default: the current user).")
  String by;

  @Option(
      names = "--yes",
      description = "Approve even though the review has high or critical findings.")
  boolean yes;

  @Option(
      names = "--force",
      description = "Record the decision even for a package no scan has seen.")
  boolean force;

  @Option(
      names = "--override-malicious",
      paramLabel = "REASON",
      description =
          "Approve a version that intel marks malicious, saying why (kept with the review; implies --yes).")
  String overrideMalicious;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    if (Approvals.isSubject(target)) {
      return subject();
    }
    if (!target.startsWith("pkg:") || target.endsWith("@")) {
      throw usage();
    }
    String purl =
        Purls.base(target); // @scope and %40scope alike: the one spelling trust is keyed by
    String version = Purls.version(target).orElse(null);
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open()) {
      if (decision != Decision.show && !force && !s.knowsPackage(purl)) {
        spec.commandLine()
            .getErr()
            .println(
                "daylight review: "
                    + Visible.of(purl)
                    + " was never seen by a scan in "
                    + Visible.of(store.dir())
                    + "; check the spelling, or give --force to record the decision anyway");
        return ExitCodes.USAGE;
      }
      Inventory latest = s.latest().orElse(null);
      if (version == null && decision != Decision.show) {
        throw usage();
      }
      if (version == null) {
        version =
            running(latest, purl)
                .orElseThrow(
                    () ->
                        new ParameterException(
                            spec.commandLine(),
                            "no server runs "
                                + purl
                                + " in the latest scan; name the version: "
                                + purl
                                + "@VERSION"));
      }
      List<Finding> review =
          decision == Decision.deny ? List.of() : review(s, latest, purl, version);
      if (decision == Decision.show) {
        ReleasePrint.print(out, format, purl, from(review), version, review);
        return review.stream().anyMatch(f -> f.severity().atLeast(Severity.HIGH))
            ? ExitCodes.FINDINGS
            : ExitCodes.OK;
      }
      String reason = null;
      if (decision == Decision.approve) {
        ReleasePrint.print(out, OutputFormat.TABLE, purl, from(review), version, review);
        long bad = review.stream().filter(f -> f.severity().atLeast(Severity.HIGH)).count();
        boolean override = overrideMalicious != null && !overrideMalicious.isBlank();
        Set<String> advisories = malicious(s, purl, version, review);
        if (!advisories.isEmpty() && (yes || override)) {
          if (!override) {
            spec.commandLine()
                .getErr()
                .println(
                    "daylight review: "
                        + Visible.of(purl + "@" + version)
                        + " is known-malicious ("
                        + Visible.of(String.join(", ", advisories))
                        + "); approving it needs --override-malicious \"REASON\"");
            return ExitCodes.USAGE;
          }
          reason =
              "override-malicious "
                  + String.join(",", advisories)
                  + ": "
                  + overrideMalicious.strip();
        }
        if (bad > 0 && !yes && reason == null) {
          spec.commandLine()
              .getErr()
              .println(
                  "not approved: "
                      + bad
                      + " finding(s) of the review are high or critical;"
                      + " read them, then run again with --yes to approve anyway");
          spec.commandLine().getErr().flush();
          return ExitCodes.FINDINGS;
        }
      }
      ReviewState state = decision == Decision.approve ? ReviewState.APPROVED : ReviewState.DENIED;
      List<ChangeEvent> events =
          s.review(purl, version, state, by != null ? by : System.getProperty("user.name"), reason);
      if (state == ReviewState.APPROVED) {
        events = new ArrayList<>(events);
        events.addAll(Approvals.closeApproved(s)); // its capabilities are approved with the version
      }
      Guard.refresh(
          store.dir(), s); // the hook lets the approved version through from the next call
      for (ChangeEvent e : events) {
        out.println(e.type().wire() + ": " + Visible.of(e.summary()));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * {@code approve server:NAME} or {@code class:ID}: every server of that name, or with that class,
   * needs no further approval for its capabilities on this machine.
   */
  private int subject() {
    PrintWriter err = spec.commandLine().getErr();
    if (decision != Decision.approve) {
      err.println(
          "daylight review: "
              + Visible.of(target)
              + ": a server or a class is approved here; denying one is"
              + " the fleet's decision (deny a package version with: daylight review deny PURL@VERSION)");
      return ExitCodes.USAGE;
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open()) {
      if (target.startsWith("server:")
          && !force
          && s.latest()
              .map(
                  i ->
                      i.servers().stream()
                          .noneMatch(m -> m.name().equals(target.substring("server:".length()))))
              .orElse(true)) {
        err.println(
            "daylight review: no server named '"
                + Visible.of(target.substring("server:".length()))
                + "' in the latest scan; check the spelling, or give --force to record the approval anyway");
        return ExitCodes.USAGE;
      }
      List<ChangeEvent> events;
      try {
        events =
            Approvals.approve(
                s, target.strip(), by != null ? by : System.getProperty("user.name"), null);
      } catch (IllegalArgumentException e) {
        err.println("daylight review: " + Visible.of(e.getMessage()));
        return ExitCodes.USAGE;
      }
      Guard.refresh(store.dir(), s);
      for (ChangeEvent e : events) {
        out.println(e.type().wire() + ": " + Visible.of(e.summary()));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Advisory ids marking this exact version malicious: the review's, the store's findings, the
   * intel's.
   */
  private Set<String> malicious(Store s, String purl, String version, List<Finding> review)
      throws Exception {
    Set<String> ids = new TreeSet<>();
    for (Finding f : review) {
      if (f.advisory() != null && f.advisory().startsWith("MAL-")) {
        ids.add(f.advisory());
      }
    }
    for (Finding f : s.maliciousFindings(purl, version)) {
      ids.add(f.advisory() == null ? f.rule() : f.advisory());
    }
    String eco = ecosystem(purl);
    if (eco.equals("npm") || eco.equals("PyPI")) {
      Intel.Builder b = Intel.builder().addBundled();
      new IntelStore(store.dir()).addTo(b);
      String name =
          java.net.URLDecoder.decode(
              purl.substring(purl.indexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8);
      for (IntelMatch m : b.build().match(eco, name, version)) {
        if (m.exact() && m.advisory().malicious()) {
          ids.add(m.advisory().id());
        }
      }
    }
    return ids;
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
      if (m.pkg() != null
          && m.pkg().version() != null
          && m.pkg().purl() != null
          && Purls.base(m.pkg().purl()).equals(purl)) {
        versions.add(m.pkg().version());
      }
    }
    return versions.stream().max(Ecosystems.versionOrder(ecosystem(purl)));
  }

  private static String from(List<Finding> review) {
    return review.stream()
        .map(f -> f.release() == null ? null : f.release().from())
        .filter(v -> v != null)
        .findFirst()
        .orElse(null);
  }

  static String ecosystem(String purl) {
    return purl.startsWith("pkg:npm/")
        ? "npm"
        : purl.startsWith("pkg:pypi/") ? "PyPI" : purl.substring(4, purl.indexOf('/'));
  }

  private ParameterException usage() {
    return new ParameterException(
        spec.commandLine(),
        "expected PURL@VERSION such as pkg:npm/postmark-mcp@1.0.16, got '"
            + Visible.of(target)
            + "'");
  }
}
