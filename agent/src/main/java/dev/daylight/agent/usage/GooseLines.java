package dev.daylight.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Goose session files: a first line of metadata ({@code working_dir}), then one message per line
 * whose content holds {@code toolRequest} ({@code toolCall.value.name} = EXTENSION__TOOL) and
 * {@code toolResponse} ({@code toolResult.status} {@code success} or {@code error}) items.
 */
final class GooseLines implements Parser.Lines {
  @Override
  public void line(byte[] buf, int len, Reading r) throws IOException {
    JsonNode line = Trees.object(buf, len);
    if (line.has("working_dir") && !line.has("content")) {
      r.project = Trees.text(line, "working_dir");
      return;
    }
    JsonNode content = line.get("content");
    if (content == null || !content.isArray()) {
      return;
    }
    long at = line.path("created").asLong(0) * 1000L;
    for (JsonNode item : content) {
      String type = Trees.text(item, "type");
      if ("toolRequest".equals(type)) {
        JsonNode call = item.path("toolCall");
        boolean malformed = !"success".equals(Trees.text(call, "status"));
        r.naming
            .split(Trees.text(call.path("value"), "name"), r.knownServers)
            .ifPresent(s -> r.call(s.server(), s.tool(), at, malformed, Trees.text(item, "id")));
      } else if ("toolResponse".equals(type)) {
        r.result(
            Trees.text(item, "id"), "error".equals(Trees.text(item.path("toolResult"), "status")));
      }
    }
  }
}
