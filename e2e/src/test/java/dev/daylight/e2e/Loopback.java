package dev.daylight.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.Collector;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A real collector on a loopback port plus the inventories an agent would record. */
final class Loopback {
  static final String SECRET = "e2e-enroll-secret";
  static final String ADMIN = "e2e-admin-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Loopback() {}

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static Collector collector(int port, Path db) throws Exception {
    return Collector.start(
        new Collector.Config(
            "127.0.0.1", port, "sqlite:" + db, SECRET, ADMIN, null, null, 3600, null, null));
  }

  static JsonNode admin(int port, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return Json.mapper().readTree(r.body());
  }

  static JsonNode adminPost(int port, String path, Object body) throws Exception {
    return adminSend(port, path, "POST", body);
  }

  static JsonNode adminPut(int port, String path, Object body) throws Exception {
    return adminSend(port, path, "PUT", body);
  }

  private static JsonNode adminSend(int port, String path, String method, Object body)
      throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return Json.mapper().readTree(r.body());
  }

  /** One scan of a machine whose Cursor config runs postmark-mcp at {@code version}. */
  static Inventory scan(String version) {
    PackageRef ref =
        new PackageRef(
            "pkg:npm/postmark-mcp@" + version, "npm", "postmark-mcp", version, true, "command-pin");
    McpServer s =
        McpServer.builder()
            .id("cursor:postmark")
            .client("cursor")
            .scope(Scope.USER)
            .configPath("/home/erin/.cursor/mcp.json")
            .line(3)
            .name("postmark")
            .transport(Transport.STDIO)
            .command("npx")
            .args(List.of("-y", "postmark-mcp@" + version))
            .enabled(true)
            .envKeys(List.of("POSTMARK_SERVER_TOKEN"))
            .pkg(ref)
            .build();
    return Inventory.builder()
        .schemaVersion(SchemaVersion.CURRENT)
        .scanId(UUID.randomUUID().toString())
        .startedAt(Instant.now())
        .finishedAt(Instant.now())
        .host(new Host(null, "erin-laptop", "linux", null, null, "erin", null))
        .servers(List.of(s))
        .build();
  }
}
