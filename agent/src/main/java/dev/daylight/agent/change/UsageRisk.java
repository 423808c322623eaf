package dev.daylight.agent.change;

import dev.daylight.protocol.Finding;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ServerUsage;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.VersionUsage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A malicious, suspended or denied package that the assistant is still calling is worse than one
 * that sits idle: its finding goes up one severity and says how much it was called ("called 212
 * times since 1.0.16 appeared, last at 2026-11-20 10:02 UTC").
 */
public final class UsageRisk {
  private static final Set<String> RULES =
      Set.of("malicious-package", Trust.VERSION_CHANGED, Trust.DENIED);
  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private UsageRisk() {}

  public static List<Finding> escalate(List<Finding> findings, List<McpServer> servers) {
    Map<String, McpServer> byId = new HashMap<>();
    servers.forEach(s -> byId.put(s.id(), s));
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      McpServer s = f.serverId() == null ? null : byId.get(f.serverId());
      String called = s == null || !RULES.contains(f.rule()) ? null : called(s.usage());
      out.add(
          called == null
              ? f
              : new Finding(
                  f.id(),
                  f.rule(),
                  raise(f.severity()),
                  f.title() + "; " + called,
                  f.serverId(),
                  f.purl(),
                  f.advisory(),
                  f.evidence(),
                  f.remediation(),
                  null));
    }
    return out;
  }

  private static String called(ServerUsage u) {
    if (u == null) {
      return null;
    }
    VersionUsage v = u.sinceVersion();
    if (v != null) {
      return v.calls() == 0
          ? null
          : "called "
              + times(v.calls())
              + " since "
              + v.version()
              + " appeared, last at "
              + AT.format(v.lastCall());
    }
    return u.calls() == 0
        ? null
        : "called " + times(u.calls()) + " in the usage window, last at " + AT.format(u.lastCall());
  }

  private static String times(long n) {
    return n == 1 ? "once" : n + " times";
  }

  private static Severity raise(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> Severity.CRITICAL;
      case MEDIUM -> Severity.HIGH;
      case LOW -> Severity.MEDIUM;
      case INFO -> Severity.LOW;
    };
  }
}
