package dev.daylight.agent.discovery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a Jackson tree from any streaming parser (JSON, YAML) while remembering the line of each
 * object member and array element, which Jackson's own trees forget. Lines are kept only a few
 * levels deep, where server entries live, so huge files do not cost a map entry per value.
 */
final class LocatingTreeBuilder {
  private static final int MAX_LINE_DEPTH = 5;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final Map<String, Integer> lines = new HashMap<>();
  private final JsonParser parser;

  private LocatingTreeBuilder(JsonParser parser) {
    this.parser = parser;
  }

  /** The document, or null root for an empty file. */
  static Doc build(JsonParser parser, String text) throws IOException {
    LocatingTreeBuilder b = new LocatingTreeBuilder(parser);
    JsonToken first = parser.nextToken();
    JsonNode root = first == null ? null : b.value(first, "", 0);
    return new Doc(root, Map.copyOf(b.lines), text);
  }

  private JsonNode value(JsonToken token, String pointer, int depth) throws IOException {
    return switch (token) {
      case START_OBJECT -> object(pointer, depth);
      case START_ARRAY -> array(pointer, depth);
      case VALUE_STRING -> nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> nodes.textNode(parser.getText());
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      case VALUE_EMBEDDED_OBJECT -> {
        Object o = parser.getEmbeddedObject();
        yield o == null ? nodes.nullNode() : nodes.textNode(o.toString());
      }
      default -> throw new IOException("unexpected " + token);
    };
  }

  private ObjectNode object(String pointer, int depth) throws IOException {
    ObjectNode obj = nodes.objectNode();
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String childPointer = Doc.child(pointer, name);
      if (depth < MAX_LINE_DEPTH) {
        lines.put(childPointer, parser.currentTokenLocation().getLineNr());
      }
      JsonToken valueToken = parser.nextToken();
      if (valueToken == null) {
        throw new IOException("unexpected end of input");
      }
      obj.set(name, value(valueToken, childPointer, depth + 1));
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IOException("unexpected end of input");
    }
    return obj;
  }

  private ArrayNode array(String pointer, int depth) throws IOException {
    ArrayNode arr = nodes.arrayNode();
    JsonToken t;
    int i = 0;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new IOException("unexpected end of input");
      }
      String childPointer = pointer + "/" + i;
      if (depth < MAX_LINE_DEPTH) {
        lines.put(childPointer, parser.currentTokenLocation().getLineNr());
      }
      arr.add(value(t, childPointer, depth + 1));
      i++;
    }
    return arr;
  }
}
