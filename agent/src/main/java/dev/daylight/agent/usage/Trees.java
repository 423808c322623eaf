package dev.daylight.agent.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.agent.json.Limits;
import java.io.IOException;

/** One record line as a JSON tree, for formats whose records are small or rarely parsed. */
final class Trees {
  private static final JsonFactory JSON = Limits.jsonFactory();

  private Trees() {}

  static JsonNode object(byte[] buf, int len) throws IOException {
    JsonNode n = JsonTrees.read(JSON.createParser(buf, 0, len));
    if (n == null || !n.isObject()) {
      throw new IOException("not a JSON object");
    }
    return n;
  }

  static JsonNode array(byte[] buf, int len) throws IOException {
    JsonNode n = JsonTrees.read(JSON.createParser(buf, 0, len));
    if (n == null || !n.isArray()) {
      throw new IOException("not a JSON array");
    }
    return n;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
