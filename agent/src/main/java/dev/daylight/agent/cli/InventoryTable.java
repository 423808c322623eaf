package dev.daylight.agent.cli;

import dev.daylight.agent.capability.Capabilities;
import dev.daylight.agent.text.Visible;
import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.ScanError;
import dev.daylight.protocol.Severity;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The readable form of an inventory: one row per server (client names, package names decoded, the
 * version that will run), a summary line, the files that could not be read, the findings.
 * Everything from a config goes through {@link Visible}.
 */
final class InventoryTable {
  private InventoryTable() {}

  /** Blocked by the client's policy, waiting for the user's approval, or off for another reason. */
  private static String on(McpServer s) {
    if (s.enabled()) {
      return "yes";
    }
    return s.blockedBy() != null ? "blocked" : s.approval() == Approval.PENDING ? "pending" : "no";
  }

  /**
   * The capability classes in short words ("email, chat"); "-" for none, "?" when nothing could be
   * read.
   */
  static String can(McpServer s) {
    if (s.capabilities() == null) {
      return "?";
    }
    if (s.capabilities().isEmpty()) {
      return "-";
    }
    return String.join(
        ",", s.capabilities().stream().map(c -> Capabilities.shortWord(c.cls())).toList());
  }

  static void print(Inventory inv, PrintWriter out) {
    print(inv, out, Terminal.current());
  }

  static void print(Inventory inv, PrintWriter out, Terminal term) {
    Map<String, String> names = new HashMap<>();
    for (Client c : inv.clients()) {
      names.put(c.id(), c.name());
    }
    Table t =
        new Table(
                "CLIENT",
                "SCOPE",
                "NAME",
                "TRANSPORT",
                "PACKAGE / TARGET",
                "ON",
                "CAN",
                "CONFIG:LINE")
            .keepTail(7);
    for (McpServer s : inv.servers()) {
      t.row(
          names.getOrDefault(s.client(), s.client()),
          s.scope().wire(),
          s.name(),
          s.transport().wire(),
          target(s),
          on(s),
          can(s),
          s.configPath() + (s.line() == null ? "" : ":" + s.line()));
    }
    t.print(out, term);
    out.println();
    out.println(summary(inv));
    for (ScanError e : inv.errors()) {
      out.println("  " + Visible.of(e.path()) + ": " + Visible.of(e.reason()));
    }
    printFindings(inv, out, term);
  }

  /** One line: servers, clients, findings by severity, unreadable files. */
  static String summary(Inventory inv) {
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    inv.findings().forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
    StringBuilder sb =
        new StringBuilder()
            .append(inv.servers().size())
            .append(" server(s) in ")
            .append(inv.clients().size())
            .append(" client(s), ")
            .append(inv.findings().size())
            .append(" finding(s)");
    if (!bySeverity.isEmpty()) {
      StringBuilder parts = new StringBuilder();
      bySeverity.forEach(
          (k, v) ->
              parts.append(parts.length() == 0 ? "" : ", ").append(v).append(' ').append(k.wire()));
      sb.append(" (").append(parts).append(')');
    }
    return sb.append(
            inv.errors().isEmpty() ? "." : ", " + inv.errors().size() + " file(s) not readable:")
        .toString();
  }

  /** Worst first (the assessor's order), each with where it was seen and what to do. */
  private static void printFindings(Inventory inv, PrintWriter out, Terminal term) {
    if (inv.findings().isEmpty()) {
      return;
    }
    out.println();
    int width = Math.min(term.width(), 200);
    for (Finding f : inv.findings()) {
      String severity = String.format("%-8s", f.severity().wire().toUpperCase(Locale.ROOT));
      out.println(
          term.severity(f.severity().wire(), severity)
              + "  "
              + String.format("%-20s", Visible.clip(f.rule(), 24))
              + "  "
              + Visible.clip(f.title(), Math.max(20, width - 36)));
      if (f.evidence() != null && f.evidence().file() != null) {
        String at =
            f.evidence().file() + (f.evidence().line() == null ? "" : ":" + f.evidence().line());
        out.println("          at " + tail(Visible.of(at), Math.max(20, width - 13)));
      }
      if (f.remediation() != null) {
        out.println("          fix: " + Visible.clip(f.remediation(), Math.max(20, width - 15)));
      }
    }
  }

  /**
   * The package by its name and the version that will run ("cached" when a cache, not a pin, says
   * so).
   */
  private static String target(McpServer s) {
    PackageRef p = s.pkg();
    if (p != null) {
      String version =
          p.version() == null
              ? " (version floats)"
              : "@" + p.version() + ("cache".equals(p.versionSource()) ? " (cached)" : "");
      String name = p.ecosystem() + ":" + p.name() + version;
      return s.proxiedUrl() != null ? name + " -> " + s.proxiedUrl() : name;
    }
    if (s.url() != null) {
      return s.url();
    }
    if (s.command() != null) {
      return String.join(" ", s.command(), String.join(" ", s.args())).strip();
    }
    return "(provided by the client or an extension)";
  }

  private static String tail(String text, int max) {
    return text.length() <= max ? text : "…" + text.substring(text.length() - max + 1);
  }
}
