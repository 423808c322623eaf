package dev.daylight.agent.change;

import dev.daylight.identity.Purls;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The trust lifecycle of the packages servers run. A package version that differs from the last
 * approved one (or, before any approval, the first one seen) is suspended until a person reviews
 * it; a fleet decision from the collector overrides local review either way.
 */
public final class Trust {
  public static final String VERSION_CHANGED = "package-version-changed";
  public static final String DENIED = "denied";
  public static final String NEW_SERVER = "new-server";

  /** What the store knows about packages; {@code purl} is always a base purl. */
  public interface Ledger {
    Optional<ReviewState> local(String purl, String version);

    /** The last approved version, else the first version ever seen, else empty. */
    Optional<String> baseline(String purl);

    /** A fleet decision for this exact version, else for every version of the subject. */
    Optional<ReviewState> fleet(String subject, String version);
  }

  /** A package version as trust tracks it. */
  public record PackageVersion(String purl, String version) {}

  /** Findings to merge into the scan, and the review state each package version now has. */
  public record Outcome(List<Finding> findings, Map<PackageVersion, ReviewState> states) {}

  private Trust() {}

  public static Outcome assess(List<McpServer> servers, Ledger ledger) {
    Map<String, Finding> findings = new LinkedHashMap<>();
    Map<PackageVersion, ReviewState> states = new LinkedHashMap<>();
    for (McpServer server : servers) {
      if (ledger.fleet("server:" + server.name(), null).orElse(null) == ReviewState.DENIED) {
        Finding f = deniedServer(server);
        findings.putIfAbsent(f.id(), f);
      }
      PackageRef pkg = server.pkg();
      if (pkg == null || pkg.version() == null || pkg.version().isBlank()) {
        continue;
      }
      PackageVersion pv = new PackageVersion(Purls.base(pkg.purl()), pkg.version());
      ReviewState state = states.computeIfAbsent(pv, k -> stateOf(k, ledger));
      Finding f =
          switch (state) {
            case DENIED -> deniedPackage(pv, server);
            case SUSPENDED -> versionChanged(pv, ledger.baseline(pv.purl()).orElse(null), server);
            case APPROVED, UNREVIEWED -> null;
          };
      if (f != null) {
        findings.putIfAbsent(f.id(), f);
      }
    }
    return new Outcome(List.copyOf(findings.values()), states);
  }

  /**
   * The state of one package version: a denial wins, then an approval, then the baseline decides.
   */
  public static ReviewState stateOf(PackageVersion pv, Ledger ledger) {
    Optional<ReviewState> fleet = ledger.fleet(pv.purl(), pv.version());
    Optional<ReviewState> local = ledger.local(pv.purl(), pv.version());
    if (fleet.orElse(null) == ReviewState.DENIED || local.orElse(null) == ReviewState.DENIED) {
      return ReviewState.DENIED;
    }
    if (fleet.orElse(null) == ReviewState.APPROVED || local.orElse(null) == ReviewState.APPROVED) {
      return ReviewState.APPROVED;
    }
    Optional<String> baseline = ledger.baseline(pv.purl());
    if (baseline.isEmpty() || baseline.get().equals(pv.version())) {
      return ReviewState.UNREVIEWED;
    }
    return ReviewState.SUSPENDED;
  }

  /** The finding id a suspended package version carries, so a review can close it. */
  public static String versionChangedId(String purl, String version) {
    return findingId(VERSION_CHANGED, purl, version);
  }

  public static String deniedId(String purl, String version) {
    return findingId(DENIED, purl, version);
  }

  public static String newServerId(String serverId) {
    return findingId(NEW_SERVER, serverId);
  }

  private static Finding versionChanged(PackageVersion pv, String baseline, McpServer server) {
    String from = baseline == null ? "an earlier version" : baseline;
    return new Finding(
        versionChangedId(pv.purl(), pv.version()),
        VERSION_CHANGED,
        Severity.HIGH,
        pv.purl()
            + " changed from "
            + from
            + " to "
            + pv.version()
            + ": trust suspended until reviewed",
        server.id(),
        pv.purl() + "@" + pv.version(),
        null,
        evidence(server),
        "Review the new version, then run: daylight review approve "
            + pv.purl()
            + "@"
            + pv.version(),
        null);
  }

  private static Finding deniedPackage(PackageVersion pv, McpServer server) {
    return new Finding(
        deniedId(pv.purl(), pv.version()),
        DENIED,
        Severity.HIGH,
        pv.purl() + "@" + pv.version() + " is denied but configured in " + server.client(),
        server.id(),
        pv.purl() + "@" + pv.version(),
        null,
        evidence(server),
        "Remove server '" + server.name() + "' from " + server.configPath(),
        null);
  }

  private static Finding deniedServer(McpServer server) {
    return new Finding(
        findingId(DENIED, "server:" + server.name(), server.id()),
        DENIED,
        Severity.HIGH,
        "Server '" + server.name() + "' is denied by fleet policy",
        server.id(),
        server.pkg() == null ? null : server.pkg().purl(),
        null,
        evidence(server),
        "Remove server '" + server.name() + "' from " + server.configPath(),
        null);
  }

  /** A server first seen after the store's first scan; it stays open until acknowledged. */
  public static Finding newServer(McpServer server) {
    return new Finding(
        newServerId(server.id()),
        NEW_SERVER,
        Severity.LOW,
        "New MCP server '" + server.name() + "' in " + server.client(),
        server.id(),
        server.pkg() == null ? null : server.pkg().purl(),
        null,
        evidence(server),
        "Acknowledge it if you expected it; remove it from " + server.configPath() + " if not",
        null);
  }

  private static Evidence evidence(McpServer server) {
    return Evidence.file(server.configPath(), server.line(), "mcp server '" + server.name() + "'");
  }

  /** Collects findings across calls in order, without duplicates. */
  public static List<Finding> merge(List<Finding> first, List<Finding> second) {
    Map<String, Finding> all = new LinkedHashMap<>();
    for (Finding f : first) {
      all.putIfAbsent(f.id(), f);
    }
    for (Finding f : second) {
      all.putIfAbsent(f.id(), f);
    }
    return new ArrayList<>(all.values());
  }

  /** A stable id for a finding the agent itself raises: same rule and subject, same id. */
  public static String findingId(String rule, String... subject) {
    MessageDigest sha = DigestUtils.getSha256Digest();
    sha.update(rule.getBytes(StandardCharsets.UTF_8));
    for (String part : subject) {
      sha.update((byte) 0);
      sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
    }
    return rule + ":" + HexFormat.of().formatHex(sha.digest(), 0, 8);
  }
}
