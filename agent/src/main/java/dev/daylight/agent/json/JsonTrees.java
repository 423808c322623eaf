package dev.daylight.agent.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Jackson trees as {@code ObjectMapper.readTree} builds them, but straight from the streaming
 * parser. The scan reads its bundled data (catalog, secret patterns, known apps) and a few
 * manifests as trees; an {@code ObjectMapper}'s class set-up (Jackson's default date format, with
 * the JDK's calendar and locale data behind it) costs more CPU than all of those reads together,
 * and a scan that neither stores nor probes the host needs no mapper at all. Node classes follow
 * the mapper's defaults: ints, longs and big integers by size, doubles, decimals without trailing
 * zeros (TOML's floats), embedded values as binary or POJO nodes.
 */
public final class JsonTrees {
  private static final JsonFactory JSON = Limits.jsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The JSON document in {@code bytes}; {@link MissingNode} when there is none. */
  public static JsonNode read(byte[] bytes) throws IOException {
    try (JsonParser p = JSON.createParser(bytes)) {
      return read(p);
    }
  }

  /** The JSON document in {@code in}, which this closes; {@link MissingNode} when there is none. */
  public static JsonNode read(InputStream in) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      return read(p);
    }
  }

  /** The next value of any Jackson parser (JSON, YAML, TOML); {@link MissingNode} at the end. */
  public static JsonNode read(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    return first == null ? MissingNode.getInstance() : value(parser, first);
  }

  /** The text of {@code node.field}; null when the field is absent or null. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The texts of the array {@code node.field}; null when the field is absent or null. */
  public static List<String> strings(JsonNode node, String field) {
    return list(node, field, JsonNode::asText);
  }

  /**
   * Each element of the array {@code node.field}, converted; null when the field is absent or null.
   */
  public static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> each) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    List<T> out = new ArrayList<>(v.size());
    v.forEach(e -> out.add(each.apply(e)));
    return out;
  }

  /** The object {@code node.field} as text values in file order; null when absent or null. */
  public static Map<String, String> map(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (next(parser) == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          object.set(name, value(parser, next(parser)));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        JsonToken t;
        while ((t = next(parser)) != JsonToken.END_ARRAY) {
          array.add(value(parser, t));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return switch (parser.getNumberType()) {
          case BIG_DECIMAL -> decimal(parser.getDecimalValue()); // TOML's floats
          case FLOAT -> NODES.numberNode(parser.getFloatValue());
          default -> NODES.numberNode(parser.getDoubleValue());
        };
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      case VALUE_EMBEDDED_OBJECT -> {
        Object o = parser.getEmbeddedObject();
        if (o == null) {
          return NODES.nullNode();
        } else if (o instanceof byte[] bytes) {
          return NODES.binaryNode(bytes);
        } else if (o instanceof JsonNode n) {
          return n;
        }
        return NODES.pojoNode(o);
      }
      default ->
          throw new IOException(
              "unexpected " + token + " at line " + parser.currentLocation().getLineNr());
    }
  }

  /**
   * As the mapper keeps a decimal with its default node factory: trailing zeros dropped (1.0 is 1).
   */
  private static JsonNode decimal(BigDecimal value) {
    if (!NODES.willStripTrailingBigDecimalZeroes()) {
      return NODES.numberNode(value);
    }
    try {
      return NODES.numberNode(value.stripTrailingZeros());
    } catch (ArithmeticException e) {
      return NODES.numberNode(value); // a scale that stripping would overflow
    }
  }

  private static JsonToken next(JsonParser parser) throws IOException {
    JsonToken t = parser.nextToken();
    if (t == null) {
      throw new IOException("unexpected end of input");
    }
    return t;
  }
}
