package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Claude Desktop extensions (.mcpb, formerly DXT) describe their launch line in
 * {@code manifest.json} under {@code server.mcp_config}; {@code ${__dirname}} stays as written
 * because it is the extension folder, which the configPath already names.
 */
final class McpbManifest {
  private McpbManifest() {}

  /** {@code Claude Extensions Settings/<id>.json} says {@code "isEnabled": false} for a switched-off extension. */
  private static boolean enabledInSettings(Path manifest, DocumentCache docs) {
    Path folder = manifest.getParent();
    if (folder == null || folder.getParent() == null || folder.getParent().getParent() == null) {
      return true;
    }
    Path settings = folder.getParent().getParent()
        .resolve("Claude Extensions Settings").resolve(folder.getFileName() + ".json");
    return docs.parsed(settings, dev.daylight.agent.catalog.Catalog.Format.JSON)
        .map(Doc::root)
        .map(r -> !r.path("isEnabled").isBoolean() || r.path("isEnabled").asBoolean())
        .orElse(true);
  }

  static Optional<McpServer> read(ServerBuilder builder, ClientSpec client, Path manifest, Doc doc,
      DocumentCache docs) {
    JsonNode root = doc.root();
    if (root == null || !root.path("server").path("mcp_config").isObject()) {
      return Optional.empty();
    }
    String folder = manifest.getParent() == null ? "" : manifest.getParent().getFileName().toString();
    String name = root.path("name").asText(folder);
    ServerEntries.Entry entry = new ServerEntries.Entry(name, root.path("server").path("mcp_config"),
        "/server/mcp_config", Scope.EXTENSION, "");
    Integer line = Optional.ofNullable(doc.line("/server/mcp_config")).orElse(doc.line("/server"));
    McpServer server = builder.build(client, manifest.toString(), entry, line);
    return Optional.of(enabledInSettings(manifest, docs) ? server : server.withEnabled(false));
  }
}
