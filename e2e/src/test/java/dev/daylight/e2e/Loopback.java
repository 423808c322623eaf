package dev.daylight.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.Collector;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.testing.Inventories;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

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
    return Inventories.of(List.of(Inventories.npx("postmark", "postmark-mcp", version)), List.of());
  }
}
