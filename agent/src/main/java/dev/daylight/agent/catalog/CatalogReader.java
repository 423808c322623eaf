package dev.daylight.agent.catalog;

import static dev.daylight.agent.json.JsonTrees.list;
import static dev.daylight.agent.json.JsonTrees.map;
import static dev.daylight.agent.json.JsonTrees.strings;
import static dev.daylight.agent.json.JsonTrees.text;

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
import java.util.Locale;

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
    Dialect dialect =
        d.isObject()
            ? new Dialect(
                strings(d, "command"),
                strings(d, "args"),
                strings(d, "env"),
                strings(d, "envKeys"),
                strings(d, "headers"),
                strings(d, "headerEnv"),
                strings(d, "bearerEnv"),
                strings(d, "type"),
                map(d, "urlFields"),
                map(d, "transports"),
                strings(d, "disabledTrue"),
                strings(d, "enabledFalse"))
            : null;
    JsonNode w = root.path("walk");
    Walk walk =
        w.isObject()
            ? new Walk(strings(w, "prune"), w.path("descendIntoHidden").asBoolean())
            : null;
    return new Catalog(dialect, walk, list(root, "clients", CatalogReader::client));
  }

  private static ClientSpec client(JsonNode c) {
    return new ClientSpec(
        text(c, "id"),
        text(c, "name"),
        text(c, "kind"),
        map(c, "urlFields"),
        list(c, "files", CatalogReader::file),
        list(c, "projectFiles", CatalogReader::file),
        list(c, "registries", CatalogReader::registry),
        list(c, "settings", CatalogReader::file),
        text(c, "policy"));
  }

  private static FileSpec file(JsonNode f) {
    return new FileSpec(
        text(f, "scope"),
        strings(f, "os"),
        text(f, "path"),
        format(f),
        strings(f, "servers"),
        text(f, "projectServers"),
        f.path("flat").asBoolean(),
        text(f, "shape"),
        strings(f, "requires"),
        f.path("shared").asBoolean());
  }

  private static RegistrySpec registry(JsonNode r) {
    return new RegistrySpec(
        strings(r, "os"),
        text(r, "path"),
        format(r),
        text(r, "keysOf"),
        text(r, "valueAt"),
        text(r, "valuesAt"));
  }

  private static Format format(JsonNode node) {
    String f = text(node, "format");
    return f == null ? null : Format.valueOf(f.toUpperCase(Locale.ROOT));
  }
}
