package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.discovery.ClaudeSettings.Layer;
import dev.daylight.agent.secrets.Redactor;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Claude Code's own policy on which MCP servers may run, applied the way Claude Code applies it
 * before loading a server, so the inventory says which configured servers it will not start:
 *
 * <ol>
 *   <li>While a managed {@code managed-mcp.json} is present, only the servers it defines run.
 *   <li>{@code deniedMcpServers} from every settings file are joined; a server matching any entry
 *       is blocked, whatever any allowlist says.
 *   <li>{@code allowedMcpServers} from every settings file are joined, or only the managed ones
 *       when managed settings set {@code allowManagedMcpServersOnly}. Unset everywhere, everything
 *       not denied runs; set, even to an empty list, a server runs only if it matches: a remote one
 *       a {@code serverUrl} entry (a {@code serverName} counts only while the list has no URL
 *       entries), a stdio one a {@code serverCommand} entry (a name counts only while the list has
 *       no command entries). The managed file's own servers skip this step unless their command,
 *       arguments or URL use {@code ${VAR}} expansion.
 * </ol>
 *
 * <p>claude.ai connectors (scope {@code cloud}) are not loaded while any settings file sets {@code
 * disableClaudeAiConnectors}, and load beside a managed {@code managed-mcp.json} only when managed
 * settings set {@code allowAllClaudeAiMcps}; a {@code deniedMcpServers} name entry matches a
 * connector by its name.
 *
 * <p>Managed settings fail closed as Claude Code's do: an {@code allowedMcpServers} that is not a
 * list admits nothing, and an {@code allowManagedMcpServersOnly} that is not a boolean counts as
 * true. A blocked server keeps its place in the inventory with {@code enabled} false and {@code
 * blockedBy} naming the rule and file. A project's settings apply to its {@code .mcp.json} servers
 * and to the servers {@code ~/.claude.json} keeps for it; a user-scope server is judged by user and
 * managed settings, as it would be outside any project.
 */
final class ClaudePolicy {
  private final ClaudeSettings settings;
  private final Redactor redactor;
  private final Map<List<Layer>, Lists> merged = new IdentityHashMap<>(); // layer lists are cached

  ClaudePolicy(ClaudeSettings settings, Redactor redactor) {
    this.settings = settings;
    this.redactor = redactor;
  }

  /** The joined lists; {@code allow} empty when no file sets an allowlist. */
  record Lists(List<ServerRule> deny, Optional<List<ServerRule>> allow, Set<Path> allowSources) {}

  List<McpServer> apply(List<McpServer> servers) {
    settings.outsideProjects(); // read now, so a broken managed file is reported in any case
    List<Path> exclusive = settings.exclusiveServerFiles();
    List<McpServer> out = new ArrayList<>(servers.size());
    for (McpServer s : servers) {
      if (!s.client().equals(ClaudeSettings.CLIENT)) {
        out.add(s);
        continue;
      }
      Optional<String> reason = blocked(s, exclusive);
      out.add(reason.map(s::withBlock).orElse(s));
    }
    return out;
  }

  private Optional<String> blocked(McpServer s, List<Path> exclusive) {
    boolean managedFile =
        s.scope() == Scope.SYSTEM
            && exclusive.stream().anyMatch(p -> p.toString().equals(s.configPath()));
    if (s.scope() == Scope.CLOUD) {
      Optional<Layer> off =
          layers(s).stream()
              .filter(l -> l.root().path("disableClaudeAiConnectors").asBoolean(false))
              .findFirst();
      if (off.isPresent()) {
        return Optional.of(
            "disableClaudeAiConnectors is true in "
                + off.get().path()
                + ": Claude Code loads no claude.ai connector");
      }
    }
    boolean connectorsBeside =
        s.scope() == Scope.CLOUD
            && layers(s).stream()
                .anyMatch(
                    l -> l.managed() && l.root().path("allowAllClaudeAiMcps").asBoolean(false));
    if (!exclusive.isEmpty() && !managedFile && !connectorsBeside) {
      return Optional.of(
          "managed-mcp.json in "
              + exclusive.get(0)
              + " has exclusive control: Claude Code runs only the servers it defines");
    }
    Lists lists = merged.computeIfAbsent(layers(s), this::merge);
    for (ServerRule rule : lists.deny()) {
      if (rule.matches(s)) {
        return Optional.of("denied by deniedMcpServers " + rule.shown() + " in " + rule.source());
      }
    }
    if (lists.allow().isEmpty()
        || (managedFile && !expands(s))
        || s.transport() == Transport.BUILTIN) {
      return Optional.empty();
    }
    List<ServerRule> allow = lists.allow().get();
    String sources =
        lists.allowSources().stream().map(Path::toString).collect(Collectors.joining(", "));
    if (allow.isEmpty()) {
      return Optional.of("allowedMcpServers is empty in " + sources + ": no server may run");
    }
    ServerRule.Kind strict = ServerRule.remote(s) ? ServerRule.Kind.URL : ServerRule.Kind.COMMAND;
    boolean hasStrict = allow.stream().anyMatch(r -> r.kind() == strict);
    boolean admitted =
        allow.stream()
            .filter(r -> r.kind() == strict || (!hasStrict && r.kind() == ServerRule.Kind.NAME))
            .anyMatch(r -> r.matches(s));
    return admitted
        ? Optional.empty()
        : Optional.of(
            "not allowed by allowedMcpServers in "
                + sources
                + (hasStrict
                    ? ": no "
                        + (strict == ServerRule.Kind.URL ? "serverUrl" : "serverCommand")
                        + " entry matches it"
                    : ": no entry matches its name"));
  }

  private List<Layer> layers(McpServer s) {
    if (s.scope() != Scope.PROJECT) {
      return settings.outsideProjects();
    }
    if (s.configPath().endsWith(".mcp.json")) {
      return settings.forProject(Path.of(s.configPath()).getParent());
    }
    return settings.localProject(s).map(settings::forProject).orElseGet(settings::outsideProjects);
  }

  private static boolean expands(McpServer s) {
    return (s.command() != null && s.command().contains("${"))
        || s.args().stream().anyMatch(a -> a.contains("${"))
        || (s.url() != null && s.url().contains("${"));
  }

  private Lists merge(List<Layer> layers) {
    boolean managedOnly =
        layers.stream()
            .filter(Layer::managed)
            .map(l -> l.root().get("allowManagedMcpServersOnly"))
            .anyMatch(v -> v != null && !v.isNull() && !(v.isBoolean() && !v.booleanValue()));
    List<ServerRule> deny = new ArrayList<>();
    List<ServerRule> allow = new ArrayList<>();
    Set<Path> allowSources = new LinkedHashSet<>();
    for (Layer layer : layers) {
      JsonNode denied = layer.root().get("deniedMcpServers");
      if (denied != null && denied.isArray()) {
        denied.forEach(
            e -> ServerRule.parse(e, layer.path(), redactor, false).ifPresent(deny::add));
      }
      JsonNode allowed = layer.root().get("allowedMcpServers");
      if (allowed == null || allowed.isNull() || (managedOnly && !layer.managed())) {
        continue;
      }
      if (allowed.isArray()) {
        allowed.forEach(
            e -> ServerRule.parse(e, layer.path(), redactor, true).ifPresent(allow::add));
        allowSources.add(layer.path());
      } else if (layer.managed()) {
        allowSources.add(layer.path()); // not a list: Claude Code enforces it as empty
      }
    }
    return new Lists(
        List.copyOf(deny),
        allowSources.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(allow)),
        allowSources);
  }
}
