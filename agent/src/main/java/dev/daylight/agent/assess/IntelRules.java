package dev.daylight.agent.assess;

import dev.daylight.agent.intel.Advisory;
import dev.daylight.agent.intel.IntelMatch;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code malicious-package} and {@code vulnerable-package}: intel matches for each server's package
 * (pinned or cache-resolved version: exact; floating: "possibly affected", malware only, since a
 * floating line usually fetches a fixed release of a merely vulnerable package), then for installed
 * packages no server accounts for.
 */
final class IntelRules implements Rule {
  static final String MALICIOUS = "malicious-package";
  static final String VULNERABLE = "vulnerable-package";

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    Set<String> reported = new HashSet<>();
    for (McpServer server : inventory.servers()) {
      PackageRef p = server.pkg();
      if (p == null || p.name() == null) {
        continue;
      }
      for (IntelMatch m : matches(context, p)) {
        reported.add(key(p.ecosystem(), p.name(), m.version()));
        Advisory a = m.advisory();
        String shown = m.version() == null ? p.name() : p.name() + "@" + m.version();
        FindingFactory.Draft d;
        if (a.malicious()) {
          d = out.about(MALICIOUS, server, a.id());
          if (!m.exact()) {
            // Floating and nothing cached: the next launch fetches the newest, maybe an affected
            // one.
            // Floating with a clean cached version: only a cache refresh would bring one: high.
            d.texts("possible")
                .severity(p.version() == null ? Severity.CRITICAL : Severity.HIGH)
                .var(
                    "cached",
                    p.version() == null
                        ? ""
                        : "; the cache holds " + p.version() + ", which is not affected");
          }
        } else if (m.exact()) {
          d =
              out.about(VULNERABLE, server, a.id())
                  .severity(severityOf(a))
                  .var(
                      "aliases", a.aliases().isEmpty() ? "" : ", " + String.join(", ", a.aliases()))
                  .var(
                      "fixed",
                      m.fixedIn() == null
                          ? "a version that " + a.id() + " marks fixed"
                          : m.fixedIn() + " or later");
        } else {
          continue;
        }
        d.advisory(a.id())
            .purl(p.purl())
            .var("package", shown)
            .evidenceText(
                LaunchLine.evidence(server)
                    + (m.exact() && "cache".equals(p.versionSource())
                        ? "  (cache holds " + m.version() + ")"
                        : ""))
            .emit();
      }
    }
    for (InstalledPackage pkg : inventory.packages()) {
      if (pkg.version() == null
          || reported.contains(key(pkg.ecosystem(), pkg.name(), pkg.version()))) {
        continue;
      }
      for (IntelMatch m : context.intel().match(pkg.ecosystem(), pkg.name(), pkg.version())) {
        if (!m.advisory().malicious()) {
          continue; // a vulnerable library no server runs is the SCA tools' job, not ours
        }
        out.about(MALICIOUS, pkg.purl() + "|" + pkg.installPath() + "|" + m.advisory().id())
            .texts("installed")
            .advisory(m.advisory().id())
            .purl(pkg.purl())
            .var("package", pkg.name() + "@" + pkg.version())
            .var("path", pkg.installPath())
            .evidence(
                new dev.daylight.protocol.Evidence("path", pkg.installPath(), null, pkg.source()))
            .emit();
      }
    }
  }

  /**
   * Exact matches for the known version; for an unpinned server, also every malware advisory that
   * covers some version, since the launch line does not hold it to the one in the cache.
   */
  private static List<IntelMatch> matches(AssessContext context, PackageRef p) {
    List<IntelMatch> exact = context.intel().match(p.ecosystem(), p.name(), p.version());
    if (p.pinned() || p.version() == null) {
      return exact;
    }
    List<IntelMatch> all = new ArrayList<>(exact);
    Set<String> seen = new HashSet<>();
    exact.forEach(m -> seen.add(m.advisory().id()));
    for (IntelMatch m : context.intel().match(p.ecosystem(), p.name(), null)) {
      if (m.advisory().malicious() && seen.add(m.advisory().id())) {
        all.add(m);
      }
    }
    return all;
  }

  private static String key(String eco, String name, String version) {
    return eco + "|" + name + "|" + version;
  }

  static Severity severityOf(Advisory a) {
    if (a.severity() == null) {
      return Severity.HIGH;
    }
    return switch (a.severity().toUpperCase(Locale.ROOT)) {
      case "CRITICAL" -> Severity.CRITICAL;
      case "MODERATE", "MEDIUM" -> Severity.MEDIUM;
      case "LOW" -> Severity.LOW;
      default -> Severity.HIGH;
    };
  }
}
