package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.discovery.ClientSettings.Layer;
import dev.daylight.agent.secrets.Redactor;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every other client's own MCP policy, read from the settings files its catalog entry lists and
 * applied as that client applies it, so the inventory says which servers it will not start ({@code
 * blockedBy}, {@code enabled} false; the server stays listed). The rules per client family are in
 * {@link PolicyRules}; Claude Code's are {@link ClaudePolicy}.
 */
final class ClientPolicies {
  /** How a client family reads its policy, as the catalog's {@code policy} names it. */
  enum Kind {
    VSCODE,
    GEMINI,
    CODEX,
    AMP;

    static Optional<Kind> of(String name) {
      if (name == null) {
        return Optional.empty();
      }
      for (Kind k : values()) {
        if (k.name().equals(name.toUpperCase(Locale.ROOT))) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  private final Map<String, ClientSettings> settings = new HashMap<>();
  private final Map<String, Kind> kinds = new HashMap<>();
  private final PolicyRules rules;

  ClientPolicies(
      Catalog catalog,
      Locator locator,
      DocumentCache docs,
      Consumer<ScanError> errors,
      Redactor redactor) {
    for (ClientSpec c :
        catalog.clients()) { // a loop, not a lambda: this runs in every scan's start
      Optional<Kind> k = Kind.of(c.policy());
      if (k.isPresent()) {
        kinds.put(c.id(), k.get());
        settings.put(c.id(), new ClientSettings(c, locator, docs, errors));
      }
    }
    this.rules = new PolicyRules(redactor);
  }

  List<McpServer> apply(List<McpServer> servers) {
    List<McpServer> out = new ArrayList<>(servers.size());
    for (McpServer s : servers) {
      Kind kind = kinds.get(s.client());
      if (kind == null || s.blockedBy() != null) {
        out.add(s);
        continue;
      }
      List<Layer> layers = settings.get(s.client()).forServer(s);
      Optional<String> reason =
          layers.isEmpty()
              ? Optional.empty()
              : switch (kind) {
                case VSCODE -> rules.vscode(s, layers);
                case GEMINI -> rules.gemini(s, layers);
                case CODEX -> rules.codex(s, layers);
                case AMP -> rules.amp(s, layers);
              };
      out.add(reason.map(s::withBlock).orElse(s));
    }
    return out;
  }

  /**
   * The value of a setting as written: a dotted key as one key ({@code "chat.mcp.access"}) or
   * nested.
   */
  static JsonNode setting(JsonNode root, String dotted) {
    JsonNode flat = root.get(dotted);
    if (flat != null) {
      return flat;
    }
    JsonNode cur = root;
    for (String part : dotted.split("\\.")) {
      cur = cur == null ? null : cur.get(part);
    }
    return cur;
  }
}
