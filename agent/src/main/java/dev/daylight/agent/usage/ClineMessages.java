package dev.daylight.agent.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cline's and Roo Code's {@code ui_messages.json}: an array of {@code {ts, type, ask|say, text,
 * partial}}; an MCP call is {@code use_mcp_server} whose text is a JSON {@code {type:
 * "use_mcp_tool", serverName, toolName, arguments}}. The array is streamed; only a call's text is
 * parsed, and only its two names are kept.
 */
final class ClineMessages implements Parser.Document {
  private static final JsonFactory JSON = Limits.jsonFactory();
  private static final int MAX_TEXT = LineReader.MAX_LINE;

  @Override
  public void read(InputStream in, Reading r) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("ui_messages.json is not an array");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        message(p, r);
      }
    }
  }

  private void message(JsonParser p, Reading r) throws IOException {
    long ts = -1;
    String kind = null;
    String text = null;
    boolean partial = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "ts" -> ts = t.isNumeric() ? p.getLongValue() : -1;
        case "ask", "say" -> {
          String v = ClaudeCodeLines.text(p, t);
          kind = "use_mcp_server".equals(v) ? v : kind;
        }
        case "partial" -> partial = t == JsonToken.VALUE_TRUE;
        case "text" ->
            text =
                t == JsonToken.VALUE_STRING && p.getTextLength() <= MAX_TEXT
                    ? p.getText()
                    : skip(p, r);
        default -> p.skipChildren();
      }
    }
    if (kind == null || partial || text == null) {
      return;
    }
    byte[] json = text.getBytes(StandardCharsets.UTF_8);
    JsonNode use;
    try {
      use = Trees.object(json, json.length);
    } catch (IOException malformed) {
      r.skipped++;
      return;
    }
    String server = Trees.text(use, "serverName");
    String tool = Trees.text(use, "toolName");
    if ("use_mcp_tool".equals(Trees.text(use, "type"))
        && server != null
        && tool != null
        && ts > 0) {
      r.call(server, tool, ts, false, null);
    }
  }

  private static String skip(JsonParser p, Reading r) throws IOException {
    p.skipChildren();
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      r.skipped++;
    }
    return null;
  }
}
