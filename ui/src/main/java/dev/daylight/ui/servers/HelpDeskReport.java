package dev.daylight.ui.servers;

import dev.daylight.agent.text.Visible;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.ui.data.FindingItem;
import dev.daylight.ui.data.ServerRow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The plain text a person pastes into a help-desk ticket. Built only from stored values, which the
 * agent has already redacted, so no secret can reach the clipboard.
 */
final class HelpDeskReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private HelpDeskReport() {}

  static String of(ServerRow row, Instant now) {
    StringBuilder out = new StringBuilder();
    out.append("Daylight report: MCP server \"").append(row.name()).append("\"\n");
    out.append("Generated: ").append(TIME.format(now)).append('\n');
    out.append("Client: ").append(row.client()).append('\n');
    out.append("Config file: ").append(Visible.of(row.configPath()));
    row.line().ifPresent(line -> out.append(" (line ").append(line).append(')'));
    out.append('\n');
    out.append("Launch: ").append(row.launchLine()).append('\n');
    out.append("Transport: ").append(row.transport().wire()).append('\n');
    if (!row.packageLabel().isEmpty()) {
      out.append("Package: ").append(row.packageLabel());
      row.pkg().ifPresent(p -> out.append(" (").append(p.purl()).append(')'));
      out.append('\n');
    }
    out.append("Status: ").append(row.status().label()).append('\n');
    Approvals.reportLine(row).ifPresent(line -> out.append(line).append('\n'));
    CapabilityWords.lines(row.capabilities()).forEach(line -> out.append(line).append('\n'));
    out.append("First seen: ").append(TIME.format(row.firstSeen())).append('\n');
    out.append("Last seen: ").append(TIME.format(row.lastSeen())).append('\n');
    out.append('\n');
    if (row.findings().isEmpty()) {
      out.append("No open findings.\n");
    }
    int n = 1;
    for (FindingItem item : row.findings()) {
      Finding f = item.finding();
      out.append("Finding ")
          .append(n++)
          .append(": [")
          .append(f.severity().wire().toUpperCase())
          .append("] ")
          .append(f.title())
          .append('\n');
      out.append("  Rule: ").append(f.rule());
      out.append(item.acknowledged() ? " (acknowledged)" : "").append('\n');
      out.append("  Opened: ").append(TIME.format(item.openedAt())).append('\n');
      if (f.evidence() != null) {
        out.append("  Evidence: ").append(evidence(f.evidence())).append('\n');
      }
      if (f.advisory() != null) {
        out.append("  Advisory: ").append(f.advisory());
        Advisories.link(f.advisory()).ifPresent(link -> out.append(" ").append(link));
        out.append('\n');
      }
      if (f.remediation() != null) {
        out.append("  What to do: ").append(f.remediation()).append('\n');
      }
    }
    return out.toString();
  }

  static String evidence(Evidence e) {
    StringBuilder text = new StringBuilder();
    if (e.file() != null) {
      text.append(e.file());
      if (e.line() != null) {
        text.append(':').append(e.line());
      }
    }
    if (e.text() != null && !e.text().isBlank()) {
      text.append(text.length() > 0 ? " — " : "").append(e.text());
    }
    return text.length() == 0 ? e.kind() : text.toString();
  }
}
