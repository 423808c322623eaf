package dev.daylight.agent.guard;

import dev.daylight.agent.store.ServerView;
import dev.daylight.agent.store.StoredFinding;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.ReviewState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the store knows (active servers, the trust state of the package version each runs,
 * open findings) into one decision per server. Pure: the hook never sees the store.
 */
final class Decisions {
  static final String MALICIOUS_RULE = "malicious-package";
  static final String DENIED_RULE = "denied";

  /** The approval stage's rule; its title names the server, the class and its words. */
  static final String UNAPPROVED_RULE = "unapproved-capability";

  private Decisions() {}

  static List<Decision> of(List<ServerView> servers, List<StoredFinding> openFindings) {
    List<Decision> out = new ArrayList<>();
    for (ServerView view : servers) {
      if (view.active()) {
        out.add(decide(view, openFindings));
      }
    }
    return out;
  }

  private static Decision decide(ServerView view, List<StoredFinding> open) {
    McpServer s = view.server();
    PackageRef pkg = s.pkg();
    String subject =
        pkg == null
            ? "server:" + s.name()
            : pkg.version() == null ? pkg.purl() : base(pkg.purl()) + "@" + pkg.version();
    String pkgName = pkg == null ? s.name() : pkg.name();
    // Only the version that runs counts: a floating launch line whose cached version is clean has a
    // "possibly malicious" finding, which names no version, and is not refused for it.
    Optional<Finding> malicious =
        about(open, s, MALICIOUS_RULE)
            .filter(
                f ->
                    pkg != null
                        && pkg.version() != null
                        && f.title().contains(pkg.name() + "@" + pkg.version()));
    if (malicious.isPresent()) {
      String advisory =
          malicious.get().advisory() == null ? "" : " (" + malicious.get().advisory() + ")";
      return decision(
          s,
          Verdict.MALICIOUS,
          subject,
          "Daylight: "
              + subject
              + " is a known-malicious package"
              + advisory
              + ", so this call was refused; remove server '"
              + s.name()
              + "' from "
              + s.configPath()
              + " and tell IT");
    }
    ReviewState trust = view.trust().orElse(null);
    if (trust == ReviewState.DENIED) {
      return decision(
          s,
          Verdict.DENIED,
          subject,
          "Daylight: "
              + subject
              + " is denied, so this call was refused; ask IT or remove server '"
              + s.name()
              + "' from "
              + s.configPath());
    }
    if (about(open, s, DENIED_RULE).isPresent()) {
      return decision(
          s,
          Verdict.DENIED,
          "server:" + s.name(),
          "Daylight: server '"
              + s.name()
              + "' is denied by the fleet policy, so this call was refused; ask IT");
    }
    if (trust == ReviewState.SUSPENDED) {
      return decision(
          s,
          Verdict.SUSPENDED,
          subject,
          "Daylight: "
              + pkgName
              + " changed to "
              + pkg.version()
              + " and is suspended until reviewed; ask IT, or once you have reviewed it run"
              + " `daylight review approve "
              + subject
              + "`");
    }
    // Matched by server only: the finding is about this server's classes, not its package's.
    Optional<Finding> unapproved =
        open.stream()
            .map(StoredFinding::finding)
            .filter(f -> f.rule().equals(UNAPPROVED_RULE) && s.id().equals(f.serverId()))
            .findFirst();
    if (unapproved.isPresent()) {
      return decision(
          s,
          Verdict.NEEDS_APPROVAL,
          subject,
          "Daylight: "
              + unapproved.get().title()
              + ", so this call needs an approval; ask IT, or once you have reviewed it run"
              + " `daylight review approve "
              + (pkg != null && pkg.version() != null ? subject : "server:" + s.name())
              + "`");
    }
    return decision(s, Verdict.ALLOW, subject, "");
  }

  private static Optional<Finding> about(List<StoredFinding> open, McpServer s, String rule) {
    String purl = s.pkg() == null ? null : s.pkg().purl();
    return open.stream()
        .map(StoredFinding::finding)
        .filter(f -> f.rule().equals(rule))
        .filter(f -> s.id().equals(f.serverId()) || (purl != null && purl.equals(f.purl())))
        .findFirst();
  }

  private static Decision decision(McpServer s, Verdict verdict, String subject, String reason) {
    return new Decision(
        s.client(),
        hookName(s.name()),
        launch(s),
        url(s.url()),
        verdict,
        subject,
        reason,
        s.osUser());
  }

  /** The server name as Claude Code and Codex put it into {@code mcp__NAME__tool}. */
  static String hookName(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static String launch(McpServer s) {
    if (s.command() == null || s.command().isBlank()) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.command());
    for (String arg : s.args()) {
      if (arg.contains("<redacted")) {
        break;
      }
      b.append(' ').append(arg);
    }
    return b.toString();
  }

  private static String url(String url) {
    if (url == null) {
      return "";
    }
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private static String base(String purl) {
    int at = purl.lastIndexOf('@');
    return at > purl.lastIndexOf('/') ? purl.substring(0, at) : purl;
  }
}
