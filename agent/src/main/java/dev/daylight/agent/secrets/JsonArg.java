package dev.daylight.agent.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.daylight.protocol.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON passed as one argument ({@code --config '{"apiKey":"..."}'}): every string value is judged
 * by its key and as an argument of its own (URLs, tokens, nested JSON), numbers under a secret key
 * too; the structure and the other values are kept. The result is the compact JSON form.
 */
final class JsonArg {
  private JsonArg() {}

  /** The redacted JSON text, or null when {@code arg} is not a JSON object or array. */
  static String redact(String arg, ServerSecrets secrets) {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(arg);
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
    if (tree == null || !tree.isContainerNode()) {
      return null;
    }
    try {
      return Json.mapper().writeValueAsString(walk(null, tree, secrets));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static JsonNode walk(String key, JsonNode node, ServerSecrets secrets) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        e.setValue(walk(e.getKey(), e.getValue(), secrets));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, walk(key, array.get(i), secrets));
      }
      return array;
    }
    if (node.isTextual() || node.isNumber() && key != null) {
      String value = node.asText();
      String red = secrets.jsonValue(key, value);
      return red.equals(value) ? node : TextNode.valueOf(red);
    }
    return node;
  }
}
