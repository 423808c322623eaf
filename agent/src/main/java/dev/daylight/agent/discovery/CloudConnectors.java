package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connectors of a cloud account (claude.ai's, which Claude Code also loads) live in the cloud; the
 * disk keeps only their names where a client records them ({@code claudeAiMcpEverConnected} in
 * {@code ~/.claude.json}: each connector that ever connected). Each becomes a remote server of
 * scope {@code cloud} with no launch line and no URL, so a fleet can still ask who uses which.
 */
final class CloudConnectors {
  private CloudConnectors() {}

  static List<McpServer> read(ServerBuilder builder, Target t, Doc doc) {
    List<McpServer> out = new ArrayList<>();
    JsonNode root = doc.root();
    if (root == null || !root.isObject()) {
      return out;
    }
    for (String at : t.spec().servers()) {
      JsonNode names = root.get(at);
      if (names == null || !names.isArray()) {
        continue;
      }
      Set<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i).asText("").strip();
        if (name.isEmpty() || !seen.add(name)) {
          continue;
        }
        Integer line = doc.line(Doc.child("", at) + "/" + i);
        ServerBuilder.Raw raw =
            new ServerBuilder.Raw(
                null,
                List.of(),
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                null,
                Transport.HTTP,
                true);
        out.add(
            builder.assemble(
                t.client().id(), Scope.CLOUD, t.path().toString(), line, name, "cloud", raw));
      }
    }
    return out;
  }
}
