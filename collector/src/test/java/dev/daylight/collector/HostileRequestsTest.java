package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.collector.store.Rows;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random hostile requests against a real collector on loopback (takeovers with a known device id,
 * forged and retired keys, other nodes' reports, bad JSON, gzip bombs, admin routes without the
 * token, bad admin bodies): each must be a 4xx and leave the fleet's data as it was. The count is
 * small in the normal build; the reliability run sets {@code -Ddaylight.reliability.requests=N}. A
 * refused takeover is counted on its node for the admin view; that counter is the one write a
 * refusal makes and is left out of the compared state.
 */
class HostileRequestsTest {
  private static final int REQUESTS = Integer.getInteger("daylight.reliability.requests", 120);
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

  @Test
  void everyHostileRequestIsA4xxAndChangesNothing() throws Exception {
    try (Collector collector =
        Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 3600))) {
      Http http = new Http(collector.port());
      var a =
          http.post(
                  "/api/v1/enroll",
                  null,
                  Map.of("enrollSecret", SECRET, "host", Fixtures.host("a", "ann")))
              .json();
      String nodeA = a.get("nodeId").asText();
      String keyA = a.get("nodeKey").asText();
      var b =
          http.post(
                  "/api/v1/enroll",
                  null,
                  Map.of("enrollSecret", SECRET, "host", Fixtures.host("b", "ben")))
              .json();
      String nodeB = b.get("nodeId").asText();
      String oldB = b.get("nodeKey").asText();
      String keyB =
          http.post(
                  "/api/v1/enroll",
                  null,
                  Map.of(
                      "enrollSecret", SECRET, "host", Fixtures.host("b", "ben"), "nodeKey", oldB))
              .json()
              .get("nodeKey")
              .asText();
      assertThat(
              http.postGzip(
                      "/api/v1/reports",
                      keyA,
                      Fixtures.snapshot(
                          nodeA,
                          Fixtures.inventory(
                              Fixtures.host("a", "ann"),
                              List.of(Fixtures.server("cursor", "pm", "postmark-mcp", "1.0.16")),
                              List.of())))
                  .status())
          .isEqualTo(200);

      Random r = new Random(Long.getLong("daylight.reliability.seed", 2042));
      List<Supplier<Http.Answer>> kinds = kinds(http, r, nodeA, keyA, nodeB, oldB, keyB);
      Map<String, Object> before = state(collector);
      int changes = 0;
      int wrongStatus = 0;
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        int kind = r.nextInt(kinds.size());
        Http.Answer answer = kinds.get(kind).get();
        if (answer.status() < 400 || answer.status() >= 500) {
          wrongStatus++;
          failures.add("kind " + kind + ": HTTP " + answer.status() + " " + answer.body());
        }
        Map<String, Object> after = state(collector);
        if (!after.equals(before)) {
          changes++;
          failures.add("kind " + kind + " changed the database");
          before = after;
        }
      }
      System.out.printf(
          "hostile requests: %d sent, %d not 4xx, %d state changes%n",
          REQUESTS, wrongStatus, changes);
      assertThat(failures).isEmpty();
      assertThat(http.get("/api/v1/policy", keyA).status()).isEqualTo(200);
      assertThat(http.get("/api/v1/policy", keyB).status()).isEqualTo(200);
    }
  }

  private static List<Supplier<Http.Answer>> kinds(
      Http http, Random r, String nodeA, String keyA, String nodeB, String oldB, String keyB) {
    List<Supplier<Http.Answer>> k = new ArrayList<>();
    k.add(
        () ->
            http.post(
                "/api/v1/enroll",
                null,
                Map.of("enrollSecret", SECRET, "host", Fixtures.host("a", "mallory"))));
    k.add(
        () ->
            http.post(
                "/api/v1/enroll",
                null,
                Map.of("enrollSecret", SECRET, "host", Fixtures.host("b", "m"), "nodeKey", oldB)));
    k.add(
        () ->
            http.post(
                "/api/v1/enroll",
                null,
                Map.of("enrollSecret", SECRET, "host", Fixtures.host("a", "m"), "nodeKey", keyB)));
    k.add(
        () ->
            http.post(
                "/api/v1/enroll",
                null,
                Map.of(
                    "enrollSecret",
                    "wrong" + r.nextInt(),
                    "host",
                    Fixtures.host("new" + r.nextInt(), "x"))));
    k.add(() -> http.post("/api/v1/enroll", null, garbage(r)));
    k.add(() -> http.get("/api/v1/policy", oldB));
    k.add(() -> http.get("/api/v1/policy", "forged-" + r.nextLong()));
    k.add(
        () ->
            http.post(
                "/api/v1/reports",
                keyA,
                Fixtures.snapshot(
                    nodeB,
                    Fixtures.inventory(
                        Fixtures.host("b", "x"),
                        List.of(Fixtures.server("cursor", "evil", "evil-mcp", "6.6.6")),
                        List.of()))));
    k.add(
        () ->
            http.postGzip(
                "/api/v1/reports",
                oldB,
                Fixtures.snapshot(
                    nodeB, Fixtures.inventory(Fixtures.host("b", "x"), List.of(), List.of()))));
    k.add(() -> http.post("/api/v1/reports", keyA, garbage(r)));
    k.add(
        () ->
            http.send(
                http.request("/api/v1/reports", keyA)
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bomb()))
                    .build()));
    k.add(
        () ->
            http.send(
                http.request("/api/v1/reports", keyA)
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(garbage(r)))
                    .build()));
    k.add(() -> http.get("/api/v1/devices", keyA));
    k.add(
        () ->
            http.post(
                "/api/v1/devices/" + nodeA + "/reenroll", keyA, Map.of("by", "m", "revoke", true)));
    k.add(
        () ->
            http.post(
                "/api/v1/devices/" + nodeA + "/reenroll",
                ADMIN,
                Map.of(
                    "by",
                    "sec",
                    "hours",
                    r.nextBoolean() ? -r.nextInt(1000) : 721 + r.nextInt(1000))));
    k.add(
        () ->
            http.put(
                "/api/v1/devices/" + nodeA + "/owner",
                ADMIN,
                Map.of("owner", "line\nbreak", "by", "x")));
    k.add(
        () ->
            http.post(
                "/api/v1/admin/policy",
                ADMIN,
                Map.of("subject", "pkg:npm/x", "decision", "maybe")));
    k.add(() -> http.post("/api/v1/admin/intel", "wrong-" + r.nextInt(), List.of()));
    k.add(() -> http.get("/api/v1/devices?limit=x" + garbageText(r), ADMIN));
    k.add(
        () ->
            http.send(
                http.request("/api/v1/" + garbageText(r), keyA)
                    .method(
                        List.of("DELETE", "PATCH", "PUT", "POST").get(r.nextInt(4)),
                        HttpRequest.BodyPublishers.ofByteArray(garbage(r)))
                    .build()));
    return k;
  }

  record NodeState(
      String nodeId,
      String keyHash,
      String deviceId,
      String hostname,
      String osUser,
      String owner,
      Long lastSeen,
      Long reenrollUntil) {}

  record ServerState(String nodeId, String serverId, String serverName, String version) {}

  private static Map<String, Object> state(Collector collector) throws Exception {
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
              "SELECT node_id AS \"nodeId\", key_hash AS \"keyHash\", device_id AS \"deviceId\","
                  + " hostname AS \"hostname\", os_user AS \"osUser\", owner AS \"owner\","
                  + " last_seen AS \"lastSeen\", reenroll_until AS \"reenrollUntil\" FROM nodes ORDER BY node_id"));
      s.put(
          "servers",
          Rows.list(
              c,
              ServerState.class,
              "SELECT node_id AS \"nodeId\", server_id AS \"serverId\", server_name AS \"serverName\","
                  + " version AS \"version\" FROM device_servers ORDER BY node_id, server_id"));
      s.put(
          "revisions",
          Rows.list(
              c,
              HostileInputTest.Revision.class,
              "SELECT name AS \"name\", value AS \"value\" FROM revisions ORDER BY name"));
    }
    return s;
  }

  private static byte[] garbage(Random r) {
    byte[] b = new byte[r.nextInt(4096)];
    r.nextBytes(b);
    if (r.nextBoolean() && b.length > 2) {
      b[0] = '{';
    }
    return b;
  }

  private static String garbageText(Random r) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 1 + r.nextInt(20); i++) {
      s.append("abcXYZ09%-._~".charAt(r.nextInt(13)));
    }
    return s.toString().replace("%", "%25");
  }

  private static byte[] bomb() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 64; i++) {
          gz.write(zeros);
        }
      }
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
