package dev.daylight.collector.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a report keeping each change event's {@code before} and {@code after} as the JSON text the
 * agent sent, sliced from the request body, instead of a Jackson tree. The collector stores that
 * text and reads one record from it; building each tree, writing it back out as text and binding
 * the record from the tree was two-fifths of a delta report's handling (JFR under load).
 */
public final class RawEvents {
  private static final ThreadLocal<byte[]> SOURCE = new ThreadLocal<>();
  private static final ObjectReader REPORTS =
      Json.mapper()
          .copy()
          .registerModule(
              new SimpleModule("raw-event-bodies").addDeserializer(JsonNode.class, new Slicer()))
          .readerFor(Report.class);

  private RawEvents() {}

  /** The report in {@code body} (UTF-8 JSON); its event bodies are {@link #text}-able slices. */
  public static Report read(byte[] body) throws IOException {
    SOURCE.set(body);
    try {
      return REPORTS.readValue(body);
    } finally {
      SOURCE.remove();
    }
  }

  /** The JSON text of an event body: the slice as sent, or a tree written out. */
  static String text(JsonNode node) {
    return raw(node) instanceof String s ? s : node.toString();
  }

  /** Whether the body is a JSON object. */
  static boolean isObject(JsonNode node) {
    return raw(node) instanceof String s ? s.startsWith("{") : node != null && node.isObject();
  }

  /** The record an object body holds. */
  static <T> T read(JsonNode node, Class<T> type) throws IOException {
    return raw(node) instanceof String s
        ? Json.mapper().readValue(s, type)
        : Json.mapper().treeToValue(node, type);
  }

  /** A body as a tree, for the rare event that needs one field of it. */
  static JsonNode tree(JsonNode node) throws IOException {
    return raw(node) instanceof String s ? Json.mapper().readTree(s) : node;
  }

  private static Object raw(JsonNode node) {
    return node instanceof POJONode p && p.getPojo() instanceof RawValue r ? r.rawValue() : null;
  }

  /** Objects and arrays become slices of the body; other values stay ordinary nodes. */
  private static final class Slicer extends StdDeserializer<JsonNode> {
    Slicer() {
      super(JsonNode.class);
    }

    @Override
    public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      byte[] body = SOURCE.get();
      JsonToken t = p.currentToken();
      long start = p.currentTokenLocation().getByteOffset();
      if (body == null
          || start < 0
          || (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY)) {
        return Json.mapper().readTree(p); // the shared mapper: no slicer, so no recursion
      }
      p.skipChildren();
      long end = p.currentLocation().getByteOffset();
      if (end <= start || end > body.length) {
        throw new IOException("event body could not be located in the report");
      }
      return new POJONode(
          new RawValue(new String(body, (int) start, (int) (end - start), StandardCharsets.UTF_8)));
    }

    @Override
    public JsonNode getNullValue(DeserializationContext ctxt) {
      return NullNode.getInstance();
    }
  }
}
