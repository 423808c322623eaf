package dev.daylight.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Codex rollout lines {@code {timestamp, type, payload}}: {@code session_meta} and {@code
 * turn_context} carry the folder, {@code response_item} payloads of type {@code function_call} name
 * the tool ({@code mcp__SERVER__TOOL}; older builds {@code SERVER__TOOL}) and {@code
 * function_call_output} reports {@code success: false}. Rollouts written before the wrapper existed
 * hold the response item itself on the line.
 */
final class CodexLines implements Parser.Lines {
  private static final Naming LEGACY = new Naming("", "__");

  @Override
  public void line(byte[] buf, int len, Reading r) throws IOException {
    JsonNode line = Trees.object(buf, len);
    String type = Trees.text(line, "type");
    JsonNode payload = line.has("payload") ? line.get("payload") : line;
    if ("session_meta".equals(type) || "turn_context".equals(type)) {
      String cwd = Trees.text(payload, "cwd");
      if (cwd != null) {
        r.project = cwd;
      }
      return;
    }
    String itemType = Trees.text(payload, "type");
    if ("function_call".equals(itemType)) {
      String name = Trees.text(payload, "name");
      String id = Trees.text(payload, "call_id");
      var split = r.naming.split(name, r.knownServers);
      if (split.isEmpty()) {
        split = LEGACY.split(name, r.knownServers);
      }
      if (split.isPresent()) {
        long at = Times.iso(Trees.text(line, "timestamp"));
        r.call(split.get().server(), split.get().tool(), at, false, id);
      }
    } else if ("function_call_output".equals(itemType)) {
      JsonNode out = payload.get("output");
      boolean failed =
          out != null
              && out.isObject()
              && out.path("success").isBoolean()
              && !out.path("success").asBoolean();
      r.result(Trees.text(payload, "call_id"), failed);
    }
  }
}
