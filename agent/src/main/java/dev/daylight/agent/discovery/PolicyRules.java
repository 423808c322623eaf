package dev.daylight.agent.discovery;

import static dev.daylight.agent.discovery.ClientPolicies.setting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.discovery.ClientSettings.Layer;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.agent.secrets.Redactor;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The MCP policy rules of each client family, each as its client documents and applies them. Layers
 * come lowest precedence first; every reason names the rule and the file it came from.
 */
final class PolicyRules {
  private final Redactor redactor;

  PolicyRules(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * VS Code: {@code chat.mcp.access} {@code none} (policy {@code ChatMCP}; the legacy boolean
   * {@code false}) starts no server; {@code chat.mcp.deniedServers} / {@code allowedServers}
   * (policies {@code ChatDeniedMcpServers} / {@code ChatAllowedMcpServers}; GitHub Copilot's
   * managed {@code deniedMcpServers} / {@code allowedMcpServers}) match by {@code serverName},
   * {@code serverUrl} with {@code *} or exact {@code serverCommand}; a denial always wins, a
   * present allowlist admits only what it matches. A managed (system) value replaces the user's.
   */
  Optional<String> vscode(McpServer s, List<Layer> layers) {
    Optional<Sourced> access = highest(layers, "chat.mcp.access", "ChatMCP");
    if (access.isPresent()
        && (access.get().value().asText().equals("none")
            || (access.get().value().isBoolean() && !access.get().value().booleanValue()))) {
      return Optional.of(
          access.get().key()
              + " is "
              + access.get().value()
              + " in "
              + access.get().file()
              + ": VS Code starts no MCP server");
    }
    for (Sourced deny :
        managedFirst(
            layers, "chat.mcp.deniedServers", "ChatDeniedMcpServers", "deniedMcpServers")) {
      for (ServerRule r : rules(deny)) {
        if (r.matches(s)) {
          return Optional.of("denied by " + deny.key() + " " + r.shown() + " in " + deny.file());
        }
      }
    }
    List<Sourced> allows =
        managedFirst(
            layers, "chat.mcp.allowedServers", "ChatAllowedMcpServers", "allowedMcpServers");
    if (allows.isEmpty() || s.transport() == Transport.BUILTIN) {
      return Optional.empty();
    }
    for (Sourced allow : allows) {
      if (rules(allow).stream().anyMatch(r -> r.matches(s))) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "not allowed by "
            + allows.get(0).key()
            + " in "
            + allows.get(0).file()
            + ": no entry matches it");
  }

  /**
   * Gemini CLI and its forks (Qwen Code): {@code mcp.excluded} (formerly {@code excludeMCPServers};
   * Qwen's {@code deniedMcpServers}) names servers that never start, {@code mcp.allowed} ({@code
   * allowMCPServers}; Qwen's {@code allowedMcpServers}) the only ones that may. The
   * highest-precedence file that sets a key decides it (system over project over user).
   */
  Optional<String> gemini(McpServer s, List<Layer> layers) {
    Optional<Sourced> excluded =
        highest(layers, "mcp.excluded", "excludeMCPServers", "deniedMcpServers");
    if (excluded.isPresent() && names(excluded.get()).anyMatch(r -> r.matches(s))) {
      return Optional.of("excluded by " + excluded.get().key() + " in " + excluded.get().file());
    }
    Optional<Sourced> allowed =
        highest(layers, "mcp.allowed", "allowMCPServers", "allowedMcpServers");
    if (allowed.isPresent()
        && allowed.get().value().isArray()
        && names(allowed.get()).noneMatch(r -> r.matches(s))) {
      return Optional.of("not in " + allowed.get().key() + " in " + allowed.get().file());
    }
    return Optional.empty();
  }

  /**
   * Codex: a {@code requirements.toml} with an {@code [mcp_servers]} table admits only the servers
   * it names, each with the {@code identity} it must have ({@code command} or {@code url}, exact).
   * The first file that sets the table decides (an administrator's, not the user's).
   */
  Optional<String> codex(McpServer s, List<Layer> layers) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      JsonNode table = layers.get(i).root().get("mcp_servers");
      if (table == null || !table.isObject()) {
        continue;
      }
      Path file = layers.get(i).path();
      JsonNode identity = table.path(s.name()).path("identity");
      if (!identity.isObject()) {
        return Optional.of("not among the mcp_servers required by " + file);
      }
      String command = identity.path("command").asText(null);
      String url = identity.path("url").asText(null);
      boolean same =
          command != null
              ? command.equals(s.command())
              : url != null && s.url() != null && redactor.forServer().url(url).equals(s.url());
      return same
          ? Optional.empty()
          : Optional.of(
              "its "
                  + (command != null ? "command" : "url")
                  + " is not the identity "
                  + file
                  + " requires for "
                  + s.name());
    }
    return Optional.empty();
  }

  /**
   * Amp: {@code amp.mcpPermissions} is a list of {@code {matches: {command, args, url}, action}}
   * rules, the first match deciding ({@code reject} blocks); no match allows. Patterns use {@code
   * *}; a command pattern is tried on the command alone and on the command with its arguments. The
   * managed file's list replaces the workspace's, which replaces the user's.
   */
  Optional<String> amp(McpServer s, List<Layer> layers) {
    Optional<Sourced> list = highest(layers, "amp.mcpPermissions");
    if (list.isEmpty() || !list.get().value().isArray()) {
      return Optional.empty();
    }
    int n = 0;
    for (JsonNode rule : list.get().value()) {
      n++;
      JsonNode m = rule.path("matches");
      if (!m.isObject() || m.isEmpty() || !ampMatches(m, s)) {
        continue;
      }
      return "reject".equals(rule.path("action").asText())
          ? Optional.of(
              "rejected by amp.mcpPermissions rule "
                  + n
                  + " ("
                  + redactedMatch(m)
                  + ") in "
                  + list.get().file())
          : Optional.empty();
    }
    return Optional.empty();
  }

  private boolean ampMatches(JsonNode m, McpServer s) {
    String args = String.join(" ", s.args());
    String line =
        s.command() == null ? null : (args.isEmpty() ? s.command() : s.command() + " " + args);
    JsonNode cmd = m.get("command");
    if (cmd != null
        && (s.command() == null
            || !(glob(cmd.asText(), s.command()) || glob(cmd.asText(), line)))) {
      return false;
    }
    JsonNode a = m.get("args");
    if (a != null && (s.command() == null || !glob(a.asText(), args))) {
      return false;
    }
    JsonNode url = m.get("url");
    return url == null || (s.url() != null && glob(url.asText(), s.url()));
  }

  private String redactedMatch(JsonNode m) {
    List<String> parts = new ArrayList<>();
    m.fields()
        .forEachRemaining(
            e ->
                parts.add(
                    e.getKey()
                        + " "
                        + (e.getKey().equals("url")
                            ? redactor.forServer().url(e.getValue().asText())
                            : String.join(
                                " ", redactor.forServer().args(List.of(e.getValue().asText()))))));
    return String.join(", ", parts);
  }

  private static boolean glob(String pattern, String text) {
    return text != null && ServerRule.urlMatches(pattern, text);
  }

  /** A setting's value and where it was read. */
  private record Sourced(String key, JsonNode value, Path file) {}

  /** The value of the first of {@code keys} set in the highest-precedence layer that sets one. */
  private static Optional<Sourced> highest(List<Layer> layers, String... keys) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      for (String key : keys) {
        JsonNode v = setting(layers.get(i).root(), key);
        if (v != null && !v.isNull()) {
          return Optional.of(new Sourced(key, v, layers.get(i).path()));
        }
      }
    }
    return Optional.empty();
  }

  /** Every managed layer's value of the keys; the user's only when no managed layer sets one. */
  private static List<Sourced> managedFirst(List<Layer> layers, String... keys) {
    List<Sourced> managed = new ArrayList<>();
    List<Sourced> user = new ArrayList<>();
    for (int i = layers.size() - 1; i >= 0; i--) {
      for (String key : keys) {
        JsonNode v = setting(layers.get(i).root(), key);
        if (v != null && !v.isNull()) {
          Sourced found = new Sourced(key, v, layers.get(i).path());
          (layers.get(i).scope() == Scope.SYSTEM ? managed : user).add(found);
        }
      }
    }
    return managed.isEmpty() ? user : managed;
  }

  /**
   * Entries of a list: rule objects, or a bare name; a policy value may be that list as JSON text.
   */
  private List<ServerRule> rules(Sourced list) {
    JsonNode v = list.value();
    if (v.isTextual()) {
      try {
        v = JsonTrees.read(v.asText().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        return List
            .of(); // not a list: the policy admits nothing, and an allowlist blocks everything
      }
    }
    List<ServerRule> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (e.isTextual()) {
          out.add(nameRule(e.asText(), list.file()));
        } else {
          ServerRule.parse(e, list.file(), redactor, false).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private Stream<ServerRule> names(Sourced list) {
    return rules(list).stream();
  }

  private static ServerRule nameRule(String name, Path source) {
    return new ServerRule(ServerRule.Kind.NAME, name, List.of(), null, "\"" + name + "\"", source);
  }
}
