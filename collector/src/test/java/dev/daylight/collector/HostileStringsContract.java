package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.collector.store.Rows;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.Report;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Strings and values an agent or an administrator may send that one of the databases cannot hold as
 * sent: each is answered with a 4xx or stored in a form the database holds, never a 500 that an
 * agent would retry forever. Run once per storage backend (PostgreSQL refuses what SQLite keeps).
 */
abstract class HostileStringsContract extends OnLoopback {
  record Node(String id, String key) {}

  Node enroll(String deviceId) {
    var host = Fixtures.host("a", "ann");
    host =
        new dev.daylight.protocol.Host(
            deviceId,
            host.hostname(),
            host.os(),
            host.osVersion(),
            host.arch(),
            host.user(),
            host.serial());
    Http.Answer a = http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", host));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return new Node(a.json().get("nodeId").asText(), a.json().get("nodeKey").asText());
  }

  Report snapshot(Node n, String serverName) {
    return Fixtures.snapshot(
        n.id(),
        Fixtures.inventory(
            Fixtures.host("a", "ann"),
            List.of(Fixtures.server("cursor", serverName, "postmark-mcp", "1.0.16")),
            List.of()));
  }

  record Text(String value) {}

  List<String> strings(String sql, Object... args) throws Exception {
    try (Connection c = collector.database().read()) {
      return Rows.list(c, Text.class, sql, args).stream().map(Text::value).toList();
    }
  }

  List<String> serverNames(Node n) throws Exception {
    return strings(
        "SELECT server_name AS \"value\" FROM device_servers WHERE node_id = ? ORDER BY 1", n.id());
  }

  @Test
  void aNulInAServerNameIsStoredAsAReplacementCharacterAndTheNextReportIsStoredToo()
      throws Exception {
    Node n = enroll("dev-a");
    // Jackson writes the NUL as the JSON escape an agent reading a hostile config would send.
    Http.Answer first = http.postGzip("/api/v1/reports", n.key(), snapshot(n, "x\0"));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(serverNames(n)).containsExactly("x\uFFFD");

    Http.Answer next = http.postGzip("/api/v1/reports", n.key(), snapshot(n, "postmark"));
    assertThat(next.status()).as(next.body()).isEqualTo(200);
    assertThat(serverNames(n)).containsExactly("postmark");
  }

  @Test
  void aNulInADeltaEventsBodyAndSummaryIsStored() throws Exception {
    Node n = enroll("dev-a");
    var added = Fixtures.serverAdded(Fixtures.server("cursor", "y\0z", "postmark-mcp", "1.0.16"));
    Http.Answer a =
        http.postGzip("/api/v1/reports", n.key(), Fixtures.delta(n.id(), List.of(added)));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(serverNames(n)).containsExactly("y\uFFFDz");
  }

  @Test
  void anEscapedBackslashBeforeU0000IsNotANul() throws Exception {
    Node n = enroll("dev-a");
    String literal = "a\\u0000b"; // a backslash and the letters u0000: no NUL, kept as sent
    Http.Answer a = http.postGzip("/api/v1/reports", n.key(), snapshot(n, literal));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(serverNames(n)).containsExactly(literal);
  }

  @Test
  void aNulInTheDeviceIdAtEnrollmentIsStoredAsAReplacementCharacter() throws Exception {
    Node n = enroll("dev\0a");
    assertThat(strings("SELECT device_id AS \"value\" FROM nodes WHERE node_id = ?", n.id()))
        .containsExactly("dev\uFFFDa");
  }

  @Test
  void aNulInAQueryParameterOrAPathVariableIsA400() {
    for (String path :
        List.of(
            "/api/v1/devices?q=%00",
            "/api/v1/fleet/servers?q=a%00b",
            "/api/v1/fleet/packages?q=%00",
            "/api/v1/devices/x%00y")) {
      Http.Answer a = http.get(path, ADMIN);
      assertThat(a.status()).as(path + " " + a.body()).isEqualTo(400);
    }
  }

  @Test
  void aPurlWithABadPercentEscapeIsShownAsSentNotA500() throws Exception {
    Node n = enroll("dev-a");
    var server =
        FleetCapabilitiesContract.withClasses(
            Fixtures.server("cursor", "odd", "%zz", "1"),
            FleetCapabilitiesContract.cap("email-send", "index.js", 1, "sendMail("));
    var odd =
        new dev.daylight.protocol.InstalledPackage(
            "pkg:0/%zz@1", "x", "x", "1", "npx-cache", "/p", "ab", List.of(), null);
    var inventory =
        Fixtures.inventory(Fixtures.host("a", "ann"), List.of(server), List.of()).toBuilder()
            .packages(List.of(odd))
            .build();
    Http.Answer stored =
        http.postGzip("/api/v1/reports", n.key(), Fixtures.snapshot(n.id(), inventory));
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);

    for (String path :
        List.of(
            "/api/v1/fleet/packages",
            "/api/v1/fleet/packages?q=zz",
            "/api/v1/fleet/packages?purl=pkg:npm/%25zz",
            "/api/v1/fleet/packages?purl=pkg:0/%25zz",
            "/api/v1/fleet/servers?capability=email-send")) {
      Http.Answer a = http.get(path, ADMIN);
      assertThat(a.status()).as(path + " " + a.body()).isEqualTo(200);
      if (!path.contains("purl=")) { // a device list names devices, not the package
        assertThat(a.body()).as(path).contains("%zz");
      }
    }
  }

  /** {@code report} as JSON with {@code edit} applied to its tree. */
  byte[] edited(Report report, java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode tree = Json.mapper().valueToTree(report);
    edit.accept(tree);
    return Http.toJson(tree);
  }

  long reports() throws Exception {
    try (Connection c = collector.database().read()) {
      return Rows.count(c, "SELECT COUNT(*) FROM reports");
    }
  }

  @Test
  void aTimeFarAheadIsA400AndStoresNothingAndOneInThePastIsKept() throws Exception {
    Node n = enroll("dev-a");
    var added = Fixtures.serverAdded(Fixtures.server("cursor", "p", "postmark-mcp", "1.0.16"));
    var delta = Fixtures.delta(n.id(), List.of(added));
    var usage = new dev.daylight.protocol.UsageDay("2026-12-01", "cursor", "p", "t", 1, 0, null);
    var withUsage =
        new Report(
            delta.schemaVersion(),
            delta.reportId(),
            delta.nodeId(),
            delta.createdAt(),
            delta.kind(),
            null,
            delta.events(),
            List.of(usage));
    long before = reports();
    List<byte[]> hostile =
        List.of(
            edited(snapshot(n, "p"), t -> t.put("createdAt", "+300000000-01-01T00:00:00Z")),
            edited(snapshot(n, "p"), t -> t.put("createdAt", "9999-12-31T23:59:59Z")),
            edited(delta, t -> ((ObjectNode) t.get("events").get(0)).put("at", 10000000000000000L)),
            edited(
                withUsage,
                t ->
                    ((ObjectNode) t.get("usage").get(0))
                        .put("lastCall", "+300000000-01-01T00:00:00Z")));
    for (byte[] body : hostile) {
      Http.Answer a = http.postGzip("/api/v1/reports", n.key(), body);
      assertThat(a.status()).as(a.body()).isEqualTo(400);
    }
    assertThat(reports()).isEqualTo(before);
    // A clock in the past (a dead battery gives 1970) loses nothing: stored, at the year 2000.
    Http.Answer past =
        http.postGzip(
            "/api/v1/reports",
            n.key(),
            edited(snapshot(n, "p"), t -> t.put("createdAt", "1970-01-01T00:00:00Z")));
    assertThat(past.status()).as(past.body()).isEqualTo(200);
    assertThat(reports()).isEqualTo(before + 1);
  }

  @Test
  void aCreatedAtAheadOfTheCollectorsClockIsStoredAsTheTimeItArrived() throws Exception {
    Node n = enroll("dev-a");
    Report r = snapshot(n, "p");
    String ahead = java.time.Instant.now().plusSeconds(6 * 3600).toString();
    Http.Answer a =
        http.postGzip("/api/v1/reports", n.key(), edited(r, t -> t.put("createdAt", ahead)));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    record Times(Long createdAt, Long receivedAt) {}
    try (Connection c = collector.database().read()) {
      List<Times> times =
          Rows.list(
              c,
              Times.class,
              "SELECT created_at AS \"createdAt\", received_at AS \"receivedAt\" FROM reports"
                  + " WHERE report_id = ?",
              r.reportId());
      assertThat(times).hasSize(1);
      assertThat(times.get(0).createdAt()).isEqualTo(times.get(0).receivedAt());
    }
  }

  @Test
  void anEnrollmentBodyOver16KiBIsA413BeforeTheSecretIsChecked() {
    String padding = " ".repeat(20 * 1024);
    byte[] body =
        ("{\"enrollSecret\":\"wrong\"," + padding + "\"host\":{\"deviceId\":\"d\"}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Http.Answer a = http.post("/api/v1/enroll", null, body);
    assertThat(a.status()).as(a.body()).isEqualTo(413);
  }

  @Test
  void longHostFactsAreCutTo256CharactersAtEnrollmentAndInSnapshots() throws Exception {
    String longName = "h".repeat(2000); // seven of them stay within the 16 KiB enrollment cap
    var host = Fixtures.host("a", "ann");
    var big =
        new dev.daylight.protocol.Host(
            "dev-a", longName, longName, longName, longName, longName, longName);
    Http.Answer a = http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", big));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    Node n = new Node(a.json().get("nodeId").asText(), a.json().get("nodeKey").asText());
    String facts =
        "SELECT hostname || os || os_version || arch || os_user || serial || owner AS \"value\""
            + " FROM nodes WHERE node_id = ?";
    assertThat(strings(facts, n.id()).get(0)).hasSize(7 * 256);

    Report small = snapshot(n, "p");
    Http.Answer stored =
        http.postGzip(
            "/api/v1/reports",
            n.key(),
            Fixtures.snapshot(n.id(), small.inventory().toBuilder().host(host).build()));
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    assertThat(strings("SELECT hostname AS \"value\" FROM nodes WHERE node_id = ?", n.id()))
        .containsExactly("a");
    Http.Answer again =
        http.postGzip(
            "/api/v1/reports",
            n.key(),
            Fixtures.snapshot(n.id(), small.inventory().toBuilder().host(big).build()));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(strings(facts, n.id()).get(0)).hasSize(7 * 256);
  }

  @Test
  void aDeviceIdOver256CharactersIsA400AtEnrollment() {
    var host = Fixtures.host("a", "ann");
    var big =
        new dev.daylight.protocol.Host(
            "d".repeat(300), "a", host.os(), host.osVersion(), host.arch(), "ann", "s");
    Http.Answer a = http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", big));
    assertThat(a.status()).as(a.body()).isEqualTo(400);
  }

  @Test
  void anIncidentQueryOverMoreVersionsThanADatabaseBindsIsAnswered() throws Exception {
    // 3 devices x 11,000 versions: 33,000 accepted versions, bound twice one by one they are more
    // than PostgreSQL's driver binds (65,535).
    int perDevice = 11_000;
    for (int d = 0; d < 3; d++) {
      Node n = enroll("dev-" + d);
      List<dev.daylight.protocol.InstalledPackage> packages = new java.util.ArrayList<>();
      for (int i = 0; i < perDevice; i++) {
        String v = "1." + d + "." + i;
        packages.add(
            new dev.daylight.protocol.InstalledPackage(
                "pkg:npm/big@" + v, "npm", "big", v, "npx-cache", "/p", "a", null, null));
      }
      var inventory =
          Fixtures.inventory(Fixtures.host("h" + d, "ann"), List.of(), List.of()).toBuilder()
              .packages(packages)
              .build();
      Http.Answer a =
          http.postGzip("/api/v1/reports", n.key(), Fixtures.snapshot(n.id(), inventory));
      assertThat(a.status()).as(a.body()).isEqualTo(200);
    }
    Http.Answer hit =
        http.get("/api/v1/fleet/packages?purl=pkg:npm/big&range=%3E%3D1.0.0&limit=5", ADMIN);
    assertThat(hit.status()).as(hit.body()).isEqualTo(200);
    assertThat(hit.json().get("total").asLong()).isEqualTo(3L * perDevice);
    Http.Answer narrow =
        http.get("/api/v1/fleet/packages?purl=pkg:npm/big&range=%3E%3D1.2.10998", ADMIN);
    assertThat(narrow.status()).as(narrow.body()).isEqualTo(200);
    assertThat(narrow.json().get("total").asLong()).isEqualTo(2);
  }
}
