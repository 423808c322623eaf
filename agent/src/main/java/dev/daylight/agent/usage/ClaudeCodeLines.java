package dev.daylight.agent.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.daylight.agent.json.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Claude Code transcript lines: assistant lines carry {@code tool_use} blocks (an MCP tool is named
 * {@code mcp__SERVER__TOOL}), user lines {@code tool_result} blocks with {@code is_error}. Streamed
 * token by token: inputs, results and text are skipped, never turned into strings.
 */
final class ClaudeCodeLines implements Parser.Lines {
  private static final JsonFactory JSON = Limits.jsonFactory();
  private final List<String> uses = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  @Override
  public void line(byte[] buf, int len, Reading r) throws IOException {
    uses.clear();
    failures.clear();
    String timestamp = null;
    String cwd = null;
    try (JsonParser p = JSON.createParser(buf, 0, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "timestamp" -> timestamp = text(p, t);
          case "cwd" -> cwd = text(p, t);
          case "message" -> {
            if (t == JsonToken.START_OBJECT) {
              message(p);
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    if (cwd != null) {
      r.project = cwd;
    }
    for (String failed : failures) {
      r.result(failed, true);
    }
    if (uses.isEmpty()) {
      return;
    }
    long at = Times.iso(timestamp);
    for (int i = 0; i < uses.size(); i += 2) {
      String id = uses.get(i);
      r.naming
          .split(uses.get(i + 1), r.knownServers)
          .ifPresent(s -> r.call(s.server(), s.tool(), at, false, id));
    }
  }

  private void message(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("content") && t == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          block(p);
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private void block(JsonParser p) throws IOException {
    String type = null;
    String id = null;
    String name = null;
    String resultOf = null;
    boolean error = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "type" -> type = text(p, t);
        case "id" -> id = text(p, t);
        case "name" -> name = text(p, t);
        case "tool_use_id" -> resultOf = text(p, t);
        case "is_error" -> error = t == JsonToken.VALUE_TRUE;
        default -> p.skipChildren();
      }
    }
    if ("tool_use".equals(type) && name != null) {
      uses.add(id);
      uses.add(name);
    } else if ("tool_result".equals(type) && error && resultOf != null) {
      failures.add(resultOf);
    }
  }

  /** A string value, or null (and the value skipped) for anything else. */
  static String text(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }
}
