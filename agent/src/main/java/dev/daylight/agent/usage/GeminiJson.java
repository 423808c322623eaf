package dev.daylight.agent.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.daylight.agent.json.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Gemini CLI's chat records before JSON lines: one document {@code {sessionId, projectHash,
 * startTime, lastUpdated, messages: [{id, timestamp, type, toolCalls: [{id, name, args, result,
 * status, timestamp}]}]}} written again whole on every change. Streamed: only the names, ids,
 * statuses and times of tool calls are looked at; arguments, results and content are skipped
 * unread. MCP tools are named {@code mcp_SERVER_TOOL}; a call counts when its status is final.
 */
final class GeminiJson implements Parser.Document {
  private static final JsonFactory JSON = Limits.jsonFactory();
  private static final Set<String> FINAL = Set.of("success", "error", "cancelled");

  @Override
  public void read(InputStream in, Reading r) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("chat record is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if ("messages".equals(field) && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            message(p, r);
          }
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private static void message(JsonParser p, Reading r) throws IOException {
    String timestamp = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if ("timestamp".equals(field) && t == JsonToken.VALUE_STRING) {
        timestamp = p.getText();
      } else if ("toolCalls".equals(field) && t == JsonToken.START_ARRAY) {
        for (JsonToken e = p.nextToken();
            e != JsonToken.END_ARRAY && e != null;
            e = p.nextToken()) {
          if (e == JsonToken.START_OBJECT) {
            call(p, timestamp, r);
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private static void call(JsonParser p, String messageTime, Reading r) throws IOException {
    String id = null;
    String name = null;
    String status = null;
    String at = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      String v = t == JsonToken.VALUE_STRING ? p.getText() : null;
      p.skipChildren(); // a nested value where a string belongs must not move the reader's place
      switch (field) {
        case "id" -> id = v;
        case "name" -> name = v;
        case "status" -> status = v;
        case "timestamp" -> at = v;
        default -> {}
      }
    }
    if (id == null || status == null || !FINAL.contains(status)) {
      return;
    }
    var split = r.naming.split(name, r.knownServers);
    if (split.isEmpty() || !r.firstSight(id)) {
      return;
    }
    try {
      r.call(
          split.get().server(),
          split.get().tool(),
          Times.iso(at != null ? at : messageTime),
          "error".equals(status),
          null);
    } catch (RuntimeException noTime) {
      r.skipped++;
    }
  }
}
