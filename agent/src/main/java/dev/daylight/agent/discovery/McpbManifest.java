package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Claude Desktop extensions (.mcpb, formerly DXT) describe their launch line in {@code
 * manifest.json} under {@code server.mcp_config}, or only by {@code server.type} and {@code
 * entry_point}; {@code ${__dirname}} stays as written because it is the extension folder, which the
 * configPath already names.
 */
final class McpbManifest {
  private static final String DIRNAME = "${__dirname}";

  private McpbManifest() {}

  /**
   * {@code Claude Extensions Settings/<id>.json} says {@code "isEnabled": false} for a switched-off
   * extension.
   */
  private static boolean enabledInSettings(Path manifest, DocumentCache docs) {
    Path folder = manifest.getParent();
    if (folder == null || folder.getParent() == null || folder.getParent().getParent() == null) {
      return true;
    }
    Path settings =
        folder
            .getParent()
            .getParent()
            .resolve("Claude Extensions Settings")
            .resolve(folder.getFileName() + ".json");
    return docs.parsed(settings, dev.daylight.agent.catalog.Catalog.Format.JSON)
        .map(Doc::root)
        .map(r -> !r.path("isEnabled").isBoolean() || r.path("isEnabled").asBoolean())
        .orElse(true);
  }

  /**
   * A bundle may give only {@code server.type} and {@code entry_point}; the app then runs the entry
   * point with the runtime the type names (the MCPB spec's defaults), from the bundle folder.
   */
  private static JsonNode impliedConfig(JsonNode server) {
    String entry = server.path("entry_point").asText("");
    if (entry.isBlank()) {
      return null;
    }
    String path = DIRNAME + "/" + entry.replace('\\', '/').replaceFirst("^\\./", "");
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ArrayNode args = n.putArray("args");
    switch (server.path("type").asText("")) {
      case "node" -> {
        n.put("command", "node");
        args.add(path);
      }
      case "python" -> {
        n.put("command", "python");
        args.add(path);
      }
      case "uv" -> {
        n.put("command", "uv");
        args.add("run").add("--directory").add(DIRNAME).add(entry);
      }
      case "binary" -> n.put("command", path);
      default -> {
        return null;
      }
    }
    return n;
  }

  static Optional<McpServer> read(
      ServerBuilder builder, ClientSpec client, Path manifest, Doc doc, DocumentCache docs) {
    JsonNode root = doc.root();
    if (root == null || !root.path("server").isObject()) {
      return Optional.empty();
    }
    JsonNode config = root.path("server").path("mcp_config");
    if (!config.isObject()) {
      config = impliedConfig(root.path("server"));
      if (config == null) {
        return Optional.empty();
      }
    }
    String folder =
        manifest.getParent() == null ? "" : manifest.getParent().getFileName().toString();
    String name = root.path("name").asText(folder);
    ServerEntries.Entry entry =
        new ServerEntries.Entry(name, config, "/server/mcp_config", Scope.EXTENSION, "");
    Integer line = Optional.ofNullable(doc.line("/server/mcp_config")).orElse(doc.line("/server"));
    McpServer server = builder.build(client, manifest.toString(), entry, line);
    return Optional.of(enabledInSettings(manifest, docs) ? server : server.withEnabled(false));
  }
}
