package dev.daylight.agent.cli;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.daylight.agent.intel.Intel;
import dev.daylight.agent.intel.IntelMatch;
import dev.daylight.agent.intel.IntelStore;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.text.Visible;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.ReviewState;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true,
    description = "Approve or deny one package version. Approving a suspended version restores "
        + "trust and closes its finding; denying raises a finding while it is configured. "
        + "The package must have been seen by a scan (or give --force); a version that intel "
        + "marks malicious is approved only with --override-malicious.")
final class ReviewCommand implements Callable<Integer> {
  enum Decision { approve, deny }

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(index = "0", description = "approve or deny")
  Decision decision;

  @Parameters(index = "1", paramLabel = "PURL@VERSION",
      description = "e.g. pkg:npm/postmark-mcp@1.0.16 or pkg:npm/@scope/name@1.2.3 (%%40scope works too)")
  String target;

  @Option(names = "--by", description = "Who decided (default: the current user).")
  String by;

  @Option(names = "--force", description = "Record the decision even for a package no scan has seen.")
  boolean force;

  @Option(names = "--override-malicious", paramLabel = "REASON",
      description = "Approve a version that intel marks malicious, saying why (kept with the review).")
  String overrideMalicious;

  @Override
  public Integer call() throws IOException {
    PackageURL purl = parse(target);
    String base = Purls.base(target); // the one spelling trust is keyed by: @scope and %40scope alike
    String version = purl.getVersion();
    PrintWriter err = spec.commandLine().getErr();
    ReviewState state = decision == Decision.approve ? ReviewState.APPROVED : ReviewState.DENIED;
    List<ChangeEvent> events;
    try (Store s = store.open()) {
      if (!force && !s.knowsPackage(base)) {
        err.println("daylight review: " + Visible.of(base) + " was never seen by a scan in " + Visible.of(store.dir())
            + "; check the spelling, or give --force to record the decision anyway");
        return ExitCodes.USAGE;
      }
      String reason = null;
      if (state == ReviewState.APPROVED) {
        TreeSet<String> advisories = malicious(s, purl, base, version);
        if (!advisories.isEmpty()) {
          if (overrideMalicious == null || overrideMalicious.isBlank()) {
            err.println("daylight review: " + Visible.of(base + "@" + version) + " is known-malicious ("
                + Visible.of(String.join(", ", advisories)) + "); approving it needs --override-malicious \"REASON\"");
            return ExitCodes.USAGE;
          }
          reason = "override-malicious " + String.join(",", advisories) + ": " + overrideMalicious.strip();
        }
      }
      events = s.review(base, version, state, by != null ? by : System.getProperty("user.name"), reason);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (ChangeEvent e : events) {
      out.println(e.type().wire() + ": " + Visible.of(e.summary()));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private PackageURL parse(String text) {
    try {
      PackageURL p = new PackageURL(text.strip());
      if (p.getVersion() != null && !p.getVersion().isBlank()) {
        return p;
      }
    } catch (MalformedPackageURLException | RuntimeException e) {
      // reported below, with the expected form
    }
    throw new ParameterException(spec.commandLine(),
        "expected PURL@VERSION such as pkg:npm/postmark-mcp@1.0.16, got '" + Visible.of(text) + "'");
  }


  /** Advisory ids marking this exact version malicious: from the store's findings and from intel. */
  private TreeSet<String> malicious(Store s, PackageURL purl, String base, String version) throws IOException {
    TreeSet<String> ids = new TreeSet<>();
    for (Finding f : s.maliciousFindings(base, version)) {
      ids.add(f.advisory() == null ? f.rule() : f.advisory());
    }
    String ecosystem = switch (purl.getType()) {
      case "npm" -> "npm";
      case "pypi" -> "PyPI";
      default -> null;
    };
    if (ecosystem != null) {
      Intel.Builder b = Intel.builder().addBundled();
      new IntelStore(store.dir()).addTo(b);
      String name = purl.getNamespace() == null ? purl.getName() : purl.getNamespace() + "/" + purl.getName();
      for (IntelMatch m : b.build().match(ecosystem, name, version)) {
        if (m.exact() && m.advisory().malicious()) {
          ids.add(m.advisory().id());
        }
      }
    }
    return ids;
  }
}
