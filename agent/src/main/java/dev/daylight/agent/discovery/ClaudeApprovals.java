package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.daylight.protocol.Approval;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claude Code starts a project's {@code .mcp.json} servers only once the user approves them, and
 * keeps the answers in {@code enabledMcpjsonServers}, {@code disabledMcpjsonServers} and {@code
 * enableAllProjectMcpServers}: in {@code ~/.claude.json} under the project (older releases), and in
 * every settings file the catalog lists for Claude Code (user, project, local, then managed, which
 * takes precedence over all the others).
 *
 * <p>Claude Code merges those settings (lists are joined, a later file's flag wins, in the order
 * above) and decides: listed as disabled is refused, whatever else says; listed as enabled, or all
 * approved, is approved; anything else is pending, and Claude Code asks before starting it. So a
 * project server is reported with {@code approval} set and {@code enabled} true only when approved.
 * Pending and refused servers stay in the inventory, and rules still judge them: a pending
 * malicious package is one click from running. A repository's committed {@code
 * .claude/settings.json} can approve its own servers; Claude Code honours it once the folder is
 * trusted, so it counts here too. Runs that skip the question (headless or permission-skipping
 * modes) leave no trace in these files and are not modelled. Names are compared exactly.
 */
final class ClaudeApprovals {
  private final ClaudeSettings settings;

  ClaudeApprovals(ClaudeSettings settings) {
    this.settings = settings;
  }

  /** What the user decided about one project's servers, merged from every place it is kept. */
  private record Decisions(Set<String> enabled, Set<String> disabled, boolean enableAll) {
    Approval of(String name) {
      if (disabled.contains(name)) {
        return Approval.REFUSED;
      }
      return enabled.contains(name) || enableAll ? Approval.APPROVED : Approval.PENDING;
    }
  }

  List<McpServer> apply(List<McpServer> servers) {
    List<McpServer> out = new ArrayList<>(servers.size());
    Map<Path, Decisions> byProject = new HashMap<>();
    for (McpServer s : servers) {
      boolean projectFile =
          s.client().equals(ClaudeSettings.CLIENT)
              && s.scope() == Scope.PROJECT
              && s.configPath().endsWith(".mcp.json");
      if (!projectFile) {
        out.add(s);
        continue;
      }
      Path project = Path.of(s.configPath()).getParent();
      out.add(s.withApproval(byProject.computeIfAbsent(project, this::decisions).of(s.name())));
    }
    return out;
  }

  private Decisions decisions(Path project) {
    List<JsonNode> sources = new ArrayList<>();
    settings
        .projectRecords()
        .forEach(root -> sources.add(projectEntry(root.path("projects"), project)));
    settings.forProject(project).forEach(layer -> sources.add(layer.root()));
    Set<String> enabled = new HashSet<>();
    Set<String> disabled = new HashSet<>();
    boolean enableAll = false;
    for (JsonNode n : sources) {
      n.path("enabledMcpjsonServers").forEach(v -> enabled.add(v.asText()));
      n.path("disabledMcpjsonServers").forEach(v -> disabled.add(v.asText()));
      if (n.path("enableAllProjectMcpServers").isBoolean()) {
        enableAll = n.get("enableAllProjectMcpServers").booleanValue();
      }
    }
    return new Decisions(enabled, disabled, enableAll);
  }

  /**
   * The project's entry, its key written as Claude Code wrote it (forward slashes on Windows too).
   */
  private static JsonNode projectEntry(JsonNode projects, Path project) {
    JsonNode exact = projects.path(project.toString());
    if (!exact.isMissingNode()) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = projects.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        if (Path.of(e.getKey()).normalize().equals(project.normalize())) {
          return e.getValue();
        }
      } catch (InvalidPathException ignored) {
        // a key that is no path on this system names no project here
      }
    }
    return MissingNode.getInstance();
  }
}
