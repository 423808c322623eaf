package dev.daylight.agent.cli;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The readable form of an inventory: one row per server, the files that could not be read, the findings. */
final class InventoryTable {
  private static final int MAX_CELL = 60;

  private InventoryTable() {}

  /** Blocked by the client's policy, waiting for the user's approval, or off for another reason. */
  private static String on(McpServer s) {
    if (s.enabled()) {
      return "yes";
    }
    return s.blockedBy() != null ? "blocked" : s.approval() == Approval.PENDING ? "pending" : "no";
  }

  static void print(Inventory inv, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CLIENT", "SCOPE", "NAME", "TRANSPORT", "PACKAGE / TARGET", "ON", "LINE", "CONFIG"});
    for (McpServer s : inv.servers()) {
      rows.add(new String[] {s.client(), s.scope().wire(), s.name(), s.transport().wire(), target(s),
          on(s), s.line() == null ? "" : s.line().toString(), s.configPath()});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length - 1; i++) {
        widths[i] = Math.max(widths[i], clip(r[i]).length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String cell = i == r.length - 1 ? r[i] : clip(r[i]);
        line.append(cell);
        if (i < r.length - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.printf("%n%d server(s) in %d client(s)", inv.servers().size(), inv.clients().size());
    out.println(inv.errors().isEmpty() ? "." : ", " + inv.errors().size() + " file(s) not readable:");
    for (ScanError e : inv.errors()) {
      out.println("  " + e.path() + ": " + e.reason());
    }
    printFindings(inv, out);
  }

  /** Worst first (the assessor's order), each with where it was seen and what to do. */
  private static void printFindings(Inventory inv, PrintWriter out) {
    if (inv.findings().isEmpty()) {
      return;
    }
    out.printf("%n%d finding(s):%n", inv.findings().size());
    for (Finding f : inv.findings()) {
      out.printf("%-8s  %-20s  %s%n", f.severity().wire().toUpperCase(java.util.Locale.ROOT), f.rule(), f.title());
      if (f.evidence() != null && f.evidence().file() != null) {
        out.printf("          at %s%s%n", f.evidence().file(), f.evidence().line() == null ? "" : ":" + f.evidence().line());
      }
      if (f.remediation() != null) {
        out.printf("          fix: %s%n", f.remediation());
      }
    }
  }

  private static String target(McpServer s) {
    if (s.pkg() != null) {
      String p = s.pkg().purl();
      return s.proxiedUrl() != null ? p + " -> " + s.proxiedUrl() : p;
    }
    if (s.url() != null) {
      return s.url();
    }
    if (s.command() != null) {
      return String.join(" ", s.command(), String.join(" ", s.args())).strip();
    }
    return "(provided by the client or an extension)";
  }

  private static String clip(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
  }
}
