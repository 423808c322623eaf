package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog.Format;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Claude Code asks before it starts a project's {@code .mcp.json} servers and remembers refusals in
 * {@code disabledMcpjsonServers} (in {@code ~/.claude.json} under the project, and in the
 * project's {@code .claude/settings(.local).json}). A refused server is inventoried, marked disabled.
 */
final class ClaudeApprovals {
  private final DocumentCache docs;
  private final Path home;

  ClaudeApprovals(DocumentCache docs, Path home) {
    this.docs = docs;
    this.home = home;
  }

  List<McpServer> apply(List<McpServer> servers) {
    List<McpServer> out = new ArrayList<>(servers.size());
    for (McpServer s : servers) {
      boolean projectFile = s.client().equals("claude-code") && s.scope() == Scope.PROJECT
          && s.configPath().endsWith(".mcp.json");
      out.add(projectFile && s.enabled() && refused(Path.of(s.configPath()).getParent(), s.name())
          ? disabled(s) : s);
    }
    return out;
  }

  private boolean refused(Path project, String name) {
    Set<String> names = new HashSet<>();
    docs.parsed(home.resolve(".claude.json"), Format.JSON).map(Doc::root).ifPresent(root -> {
      JsonNode p = root.path("projects").path(project.toString());
      p.path("disabledMcpjsonServers").forEach(n -> names.add(n.asText()));
    });
    for (String f : List.of(".claude/settings.json", ".claude/settings.local.json")) {
      docs.parsed(project.resolve(f), Format.JSON).map(Doc::root)
          .ifPresent(r -> r.path("disabledMcpjsonServers").forEach(n -> names.add(n.asText())));
    }
    return names.contains(name);
  }

  static McpServer disabled(McpServer s) {
    return new McpServer(s.id(), s.client(), s.scope(), s.configPath(), s.line(), s.name(),
        s.transport(), s.command(), s.args(), s.url(), false, s.envKeys(), s.headerKeys(), s.pkg(),
        s.proxiedUrl(), s.secretFingerprints(), s.osUser());
  }
}
