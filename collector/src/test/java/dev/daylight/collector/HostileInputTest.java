package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.collector.store.Rows;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.Report;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal the collector makes, each followed by proof that nothing in the database moved. */
class HostileInputTest {
  private static final List<String> TABLES =
      List.of(
          "nodes",
          "reports",
          "device_servers",
          "device_packages",
          "findings",
          "events",
          "policy_entries",
          "policy_audit",
          "intel",
          "retired_keys",
          "enrollment_events");

  @TempDir Path tmp;
  Collector collector;
  Http http;
  String nodeA;
  String keyA;
  String nodeB;

  @BeforeEach
  void start() throws Exception {
    collector = Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 3600));
    http = new Http(collector.port());
    JsonNode a =
        http.post(
                "/api/v1/enroll",
                null,
                Map.of("enrollSecret", SECRET, "host", Fixtures.host("a", "ann")))
            .json();
    nodeA = a.get("nodeId").asText();
    keyA = a.get("nodeKey").asText();
    nodeB =
        http.post(
                "/api/v1/enroll",
                null,
                Map.of("enrollSecret", SECRET, "host", Fixtures.host("b", "ben")))
            .json()
            .get("nodeId")
            .asText();
  }

  @AfterEach
  void stop() throws Exception {
    collector.close();
  }

  record NodeState(String nodeId, String keyHash, Long lastSeen, String hostname) {}

  record Revision(String name, Long value) {}

  private Map<String, Object> state() throws Exception {
    Map<String, Object> s = new LinkedHashMap<>();
    try (Connection c = collector.database().read()) {
      for (String t : TABLES) {
        s.put(t, Rows.count(c, "SELECT COUNT(*) FROM " + t));
      }
      s.put(
          "nodes",
          Rows.list(
              c,
              NodeState.class,
              "SELECT node_id AS \"nodeId\", key_hash AS \"keyHash\", last_seen AS \"lastSeen\","
                  + " hostname AS \"hostname\" FROM nodes ORDER BY node_id"));
      s.put(
          "revisions",
          Rows.list(
              c,
              Revision.class,
              "SELECT name AS \"name\", value AS \"value\" FROM revisions ORDER BY name"));
    }
    return s;
  }

  private Report validReport(String nodeId) {
    return Fixtures.snapshot(
        nodeId,
        Fixtures.inventory(
            Fixtures.host("a", "ann"),
            List.of(Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16")),
            List.of()));
  }

  private void refusedWithoutChange(int status, Http.Answer answer, Map<String, Object> before)
      throws Exception {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.json().get("error").asText()).isNotBlank();
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void missingOrWrongKeyIs401() throws Exception {
    var before = state();
    refusedWithoutChange(401, http.post("/api/v1/reports", null, validReport(nodeA)), before);
    refusedWithoutChange(
        401, http.post("/api/v1/reports", "not-a-key", validReport(nodeA)), before);
    refusedWithoutChange(401, http.get("/api/v1/policy", "not-a-key"), before);
    refusedWithoutChange(
        401,
        http.post(
            "/api/v1/enroll",
            null,
            Map.of("enrollSecret", "wrong-secret", "host", Fixtures.host("c", "cy"))),
        before);
    refusedWithoutChange(401, http.get("/api/v1/devices", null), before);
    refusedWithoutChange(401, http.get("/api/v1/fleet/packages?purl=pkg:npm/x", keyA), before);
    refusedWithoutChange(
        401,
        http.post(
            "/api/v1/admin/policy",
            "wrong-admin-token",
            Map.of("subject", "pkg:npm/x", "decision", "denied", "by", "me", "reason", "r")),
        before);
  }

  @Test
  void enrollingAnotherDevicesIdWithoutProofIs409AndTakesNothing() throws Exception {
    var before = state();
    refusedWithoutChange(
        409,
        http.post(
            "/api/v1/enroll",
            null,
            Map.of("enrollSecret", SECRET, "host", Fixtures.host("a", "mallory"))),
        before);
    refusedWithoutChange(
        409,
        http.post(
            "/api/v1/enroll",
            null,
            Map.of(
                "enrollSecret",
                SECRET,
                "host",
                Fixtures.host("a", "mallory"),
                "nodeKey",
                "a-guessed-key")),
        before);
    refusedWithoutChange(
        401,
        http.post("/api/v1/devices/" + nodeA + "/reenroll", keyA, Map.of("by", "mallory")),
        before);
    refusedWithoutChange(
        400,
        http.post("/api/v1/devices/" + nodeA + "/reenroll", ADMIN, Map.of("hours", 1)),
        before);
    refusedWithoutChange(
        404,
        http.post("/api/v1/devices/no-such-node/reenroll", ADMIN, Map.of("by", "sec")),
        before);
    assertThat(http.get("/api/v1/policy", keyA).status()).isEqualTo(200);
  }

  @Test
  void aNodeKeyUsedForAnotherNodesIdIs403() throws Exception {
    var before = state();
    refusedWithoutChange(403, http.post("/api/v1/reports", keyA, validReport(nodeB)), before);
  }

  @Test
  void oversizedBodiesAre413EvenWhenGzipHidesTheSize() throws Exception {
    var before = state();
    byte[] big = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    refusedWithoutChange(413, http.post("/api/v1/reports", keyA, big), before);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(big);
    }
    assertThat(out.size()).isLessThan(64 * 1024);
    refusedWithoutChange(
        413,
        http.send(
            http.request("/api/v1/reports", keyA)
                .header("Content-Encoding", "gzip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .build()),
        before);
  }

  /**
   * A body over the cap, sent whole by a client that reads the answer only afterwards (as the JDK's
   * and most clients do), gets the 413: the collector reads and drops the rest of a body up to
   * twice the cap instead of closing on unread bytes, which reset the connection under the client
   * mid-write.
   */
  @Test
  void aClientStillSendingATooLargeBodyReadsThe413() throws Exception {
    var before = state();
    assertThat(rawReport("", 5 * 1024 * 1024, true)).isEqualTo("HTTP/1.1 413 Payload Too Large");
    assertThat(state()).isEqualTo(before);
  }

  /** A client that asks before sending ({@code Expect: 100-continue}) is refused unasked. */
  @Test
  void aClientThatAsksFirstIsRefusedBeforeSendingATooLargeBody() throws Exception {
    var before = state();
    assertThat(rawReport("Expect: 100-continue\r\n", 64 * 1024 * 1024, false))
        .isEqualTo("HTTP/1.1 413 Payload Too Large");
    assertThat(state()).isEqualTo(before);
  }

  /**
   * Sends node A's report request by hand (extra {@code headers}, a body of {@code size} spaces
   * sent whole when {@code send}) and returns the answer's status line.
   */
  private String rawReport(String headers, int size, boolean send) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), collector.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + keyA
                  + "\r\nContent-Type: application/json\r\n"
                  + headers
                  + "Content-Length: "
                  + size
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      if (send) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (int sent = 0; sent < size; sent += chunk.length) {
          out.write(chunk);
        }
      }
      out.flush();
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  @Test
  void aTokenSentUnquotedIsNotEchoedBackAndAMissingDeviceIdIs404() throws Exception {
    Map<String, Object> before = state();
    Http.Answer bad =
        http.post(
            "/api/v1/enroll",
            null,
            "{\"enrollSecret\": unquoted-canary-7731}".getBytes(StandardCharsets.UTF_8));
    refusedWithoutChange(400, bad, before);
    assertThat(bad.body()).doesNotContain("unquoted-canary-7731").contains("line 1");
    refusedWithoutChange(404, http.get("/api/v1/devices/timeline", ADMIN), before);
  }

  @Test
  void malformedOrSchemaInvalidJsonIs400() throws Exception {
    var before = state();
    refusedWithoutChange(
        400,
        http.post("/api/v1/reports", keyA, "{\"reportId\":".getBytes(StandardCharsets.UTF_8)),
        before);
    refusedWithoutChange(
        400, http.post("/api/v1/reports", keyA, "[]".getBytes(StandardCharsets.UTF_8)), before);
    refusedWithoutChange(
        400,
        http.postGzip("/api/v1/reports", keyA, "not json".getBytes(StandardCharsets.UTF_8)),
        before);
    refusedWithoutChange(
        400,
        http.send(
            http.request("/api/v1/reports", keyA)
                .header("Content-Encoding", "gzip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}))
                .build()),
        before);
    ObjectNode noId = Json.mapper().valueToTree(validReport(nodeA));
    noId.remove("reportId");
    refusedWithoutChange(400, http.post("/api/v1/reports", keyA, noId), before);
    ObjectNode future = Json.mapper().valueToTree(validReport(nodeA));
    future.put("schemaVersion", 99);
    refusedWithoutChange(400, http.post("/api/v1/reports", keyA, future), before);
    ObjectNode badKind = Json.mapper().valueToTree(validReport(nodeA));
    badKind.put("kind", "everything");
    refusedWithoutChange(400, http.post("/api/v1/reports", keyA, badKind), before);
    ObjectNode noInventory = Json.mapper().valueToTree(validReport(nodeA));
    noInventory.remove("inventory");
    refusedWithoutChange(400, http.post("/api/v1/reports", keyA, noInventory), before);
    ObjectNode badEvent = Json.mapper().valueToTree(Fixtures.delta(nodeA, List.of()));
    badEvent.putArray("events").addObject().put("id", "e1");
    refusedWithoutChange(400, http.post("/api/v1/reports", keyA, badEvent), before);
    refusedWithoutChange(
        400,
        http.post("/api/v1/enroll", null, "{\"enrollSecret\":".getBytes(StandardCharsets.UTF_8)),
        before);
    refusedWithoutChange(
        400,
        http.post(
            "/api/v1/admin/policy",
            ADMIN,
            Map.of("subject", "pkg:npm/x", "decision", "denied", "by", "me")),
        before);
    refusedWithoutChange(
        400,
        http.post(
            "/api/v1/admin/policy",
            ADMIN,
            Map.of("subject", "pkg:npm/x", "decision", "maybe", "by", "me", "reason", "r")),
        before);
    refusedWithoutChange(400, http.get("/api/v1/fleet/packages?purl=nonsense", ADMIN), before);
  }

  @Test
  void sqlAndHtmlLookalikesAreStoredVerbatimAndInert() throws Exception {
    String sql = "x'); DROP TABLE nodes; --";
    String html = "<img src=x onerror=alert(1)>";
    var server = Fixtures.server("cursor", sql, "postmark-mcp", "1.0.16");
    var inv =
        Fixtures.inventory(
            new dev.daylight.protocol.Host("dev-a", html, "linux", null, null, sql, null),
            List.of(server),
            List.of());
    assertThat(http.post("/api/v1/reports", keyA, Fixtures.snapshot(nodeA, inv)).status())
        .isEqualTo(200);
    JsonNode device = http.get("/api/v1/devices/" + nodeA, ADMIN).json();
    assertThat(device.get("hostname").asText()).isEqualTo(html);
    assertThat(device.get("owner").asText()).isEqualTo(sql);
    assertThat(device.get("servers").get(0).get("name").asText()).isEqualTo(sql);
    assertThat(
            http.get(
                    "/api/v1/devices?q="
                        + java.net.URLEncoder.encode("'; drop", StandardCharsets.UTF_8),
                    ADMIN)
                .json()
                .get("devices"))
        .isEmpty();
    assertThat(state().get("nodes")).asList().hasSize(2);
  }
}
