package dev.daylight.agent.export;

import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row per server (RFC 4180). Cells that a spreadsheet would run as a formula get a leading
 * apostrophe: config files are attacker-writable, an export must not execute them.
 */
final class CsvExport {
  static final List<String> HEADER =
      List.of(
          "client",
          "scope",
          "config_path",
          "line",
          "name",
          "transport",
          "command",
          "url",
          "purl",
          "version",
          "pinned",
          "findings",
          "worst_severity");

  private CsvExport() {}

  static String write(Inventory inv) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Severity> worst = new HashMap<>();
    for (Finding f : inv.findings()) {
      if (f.serverId() != null) {
        counts.merge(f.serverId(), 1, Integer::sum);
        worst.merge(f.serverId(), f.severity(), (a, b) -> a.atLeast(b) ? a : b);
      }
    }
    StringBuilder out = new StringBuilder();
    row(out, HEADER);
    for (McpServer s : inv.servers()) {
      row(
          out,
          List.of(
              s.client(),
              s.scope().wire(),
              s.configPath(),
              s.line() == null ? "" : s.line().toString(),
              s.name(),
              s.transport().wire(),
              s.command() == null ? "" : Formats.commandLine(s),
              nz(s.url()),
              s.pkg() == null ? "" : s.pkg().purl(),
              s.pkg() == null ? "" : nz(s.pkg().version()),
              s.pkg() == null ? "" : String.valueOf(s.pkg().pinned()),
              String.valueOf(counts.getOrDefault(s.id(), 0)),
              worst.containsKey(s.id()) ? worst.get(s.id()).wire() : ""));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
