package dev.daylight.agent.approval;

import dev.daylight.agent.capability.Capabilities;
import dev.daylight.agent.change.Trust;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code unapproved-capability} finding per server and class that needs an approval and has
 * none: not its package version (reviewed or fleet-approved; a new version needs its own), not the
 * server by name, not the class, neither here nor by the fleet. A class the fleet denies gives a
 * {@code denied} finding instead, which no local approval lifts.
 */
final class Unapproved {
  static final String RULE = "unapproved-capability";
  static final String DENIED = "denied";

  /** What is approved, locally and by the fleet. */
  interface Ledger {
    boolean packageApproved(String purl, String version);

    /** The fleet's decision on {@code server:NAME} or {@code class:ID} for every version. */
    Optional<ReviewState> fleet(String subject);

    boolean local(String subject);
  }

  private Unapproved() {}

  static List<Finding> assess(List<McpServer> servers, List<String> needed, Ledger ledger) {
    List<Finding> out = new ArrayList<>();
    for (McpServer s : servers) {
      if (s.capabilities() == null) {
        continue;
      }
      for (Capability c : s.capabilities()) {
        if (!needed.contains(c.cls())) {
          continue;
        }
        if (ledger.fleet("class:" + c.cls()).orElse(null) == ReviewState.DENIED) {
          out.add(denied(s, c));
        } else if (!approved(s, c.cls(), ledger)) {
          out.add(finding(s, c));
        }
      }
    }
    return out;
  }

  static boolean approved(McpServer s, String cls, Ledger ledger) {
    PackageRef p = s.pkg();
    return ledger.fleet("class:" + cls).orElse(null) == ReviewState.APPROVED
        || ledger.fleet("server:" + s.name()).orElse(null) == ReviewState.APPROVED
        || ledger.local("class:" + cls)
        || ledger.local("server:" + s.name())
        || (p != null
            && p.purl() != null
            && p.version() != null
            && ledger.packageApproved(Purls.base(p.purl()), p.version()));
  }

  /** The id of a server's finding for one class: the same in every scan. */
  static String id(McpServer s, String cls) {
    return Trust.findingId(RULE, s.id(), cls);
  }

  /** "can send email": the class's words, as a finding's title and the tray say them. */
  static String words(String cls) {
    String label = Capabilities.label(cls).orElse(cls);
    return label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
  }

  private static Finding finding(McpServer s, Capability c) {
    String version = subject(s);
    String remedy =
        "Review what it does, then approve it: daylight review approve "
            + (version != null ? version + " (this version), or " : "")
            + "server:"
            + s.name()
            + " (this server), or class:"
            + c.cls()
            + " (every server that "
            + words(c.cls())
            + ")";
    return new Finding(
        id(s, c.cls()),
        RULE,
        Severity.HIGH,
        "Server '" + s.name() + "' " + words(c.cls()) + " (" + c.cls() + ") and has no approval",
        s.id(),
        version,
        null,
        c.evidence(),
        remedy,
        null);
  }

  private static Finding denied(McpServer s, Capability c) {
    return new Finding(
        Trust.findingId(DENIED, "class:" + c.cls(), s.id()),
        DENIED,
        Severity.HIGH,
        "Server '"
            + s.name()
            + "' "
            + words(c.cls())
            + " ("
            + c.cls()
            + "), a class the fleet policy denies",
        s.id(),
        subject(s),
        null,
        c.evidence(),
        "Remove server '" + s.name() + "' from " + s.configPath(),
        null);
  }

  private static String subject(McpServer s) {
    PackageRef p = s.pkg();
    return p == null || p.purl() == null || p.version() == null
        ? null
        : Purls.base(p.purl()) + "@" + p.version();
  }
}
