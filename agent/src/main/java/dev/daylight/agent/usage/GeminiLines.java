package dev.daylight.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;

/**
 * Gemini CLI chat records: a {@code gemini} message with {@code toolCalls} is appended again each
 * time it changes, so a call counts once, by its id, when its status is final. MCP tools are named
 * {@code mcp_SERVER_TOOL}.
 */
final class GeminiLines implements Parser.Lines {
  private static final Set<String> FINAL = Set.of("success", "error", "cancelled");

  @Override
  public void line(byte[] buf, int len, Reading r) throws IOException {
    JsonNode message = Trees.object(buf, len);
    JsonNode calls = message.get("toolCalls");
    if (calls == null || !calls.isArray()) {
      return;
    }
    for (JsonNode call : calls) {
      String status = Trees.text(call, "status");
      String id = Trees.text(call, "id");
      if (id == null || status == null || !FINAL.contains(status)) {
        continue;
      }
      var split = r.naming.split(Trees.text(call, "name"), r.knownServers);
      if (split.isPresent() && r.firstSight(id)) {
        String at = Trees.text(call, "timestamp");
        r.call(
            split.get().server(),
            split.get().tool(),
            Times.iso(at != null ? at : Trees.text(message, "timestamp")),
            "error".equals(status),
            null);
      }
    }
  }
}
