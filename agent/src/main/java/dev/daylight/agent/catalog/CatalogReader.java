package dev.daylight.agent.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.catalog.Catalog.Dialect;
import dev.daylight.agent.catalog.Catalog.FileSpec;
import dev.daylight.agent.catalog.Catalog.Format;
import dev.daylight.agent.catalog.Catalog.RegistrySpec;
import dev.daylight.agent.catalog.Catalog.Walk;
import dev.daylight.agent.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@code clients.json} from Jackson's tree rather than by record binding: the same records
 * (absent fields null, unknown fields ignored), without building a deserializer per record type,
 * which made the catalog most of a short scan's start-up before the walk could begin. The tree is
 * built from the streaming parser ({@link JsonTrees}), not by an {@code ObjectMapper}, as the walk
 * waits for the catalog.
 */
final class CatalogReader {
  private CatalogReader() {}

  static Catalog read(InputStream in) throws IOException {
    JsonNode root = JsonTrees.read(in);
    if (!root.isObject()) {
      throw new IOException("catalog is not a JSON object");
    }
    JsonNode d = root.path("dialect");
    Dialect dialect = d.isObject() ? new Dialect(strings(d, "command"), strings(d, "args"),
        strings(d, "env"), strings(d, "envKeys"), strings(d, "headers"), strings(d, "headerEnv"),
        strings(d, "bearerEnv"), strings(d, "type"), map(d, "urlFields"), map(d, "transports"),
        strings(d, "disabledTrue"), strings(d, "enabledFalse")) : null;
    JsonNode w = root.path("walk");
    Walk walk = w.isObject() ? new Walk(strings(w, "prune"), w.path("descendIntoHidden").asBoolean()) : null;
    return new Catalog(dialect, walk, list(root, "clients", CatalogReader::client));
  }

  private static ClientSpec client(JsonNode c) {
    return new ClientSpec(text(c, "id"), text(c, "name"), text(c, "kind"), map(c, "urlFields"),
        list(c, "files", CatalogReader::file), list(c, "projectFiles", CatalogReader::file),
        list(c, "registries", CatalogReader::registry), list(c, "settings", CatalogReader::file));
  }

  private static FileSpec file(JsonNode f) {
    return new FileSpec(text(f, "scope"), strings(f, "os"), text(f, "path"), format(f),
        strings(f, "servers"), text(f, "projectServers"), f.path("flat").asBoolean(), text(f, "shape"));
  }

  private static RegistrySpec registry(JsonNode r) {
    return new RegistrySpec(strings(r, "os"), text(r, "path"), format(r), text(r, "keysOf"), text(r, "valueAt"));
  }

  private static Format format(JsonNode node) {
    String f = text(node, "format");
    return f == null ? null : Format.valueOf(f.toUpperCase(Locale.ROOT));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode node, String field) {
    return list(node, field, JsonNode::asText);
  }

  private static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> each) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    List<T> out = new ArrayList<>(v.size());
    v.forEach(e -> out.add(each.apply(e)));
    return out;
  }

  private static Map<String, String> map(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
