package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.UsageDay;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The agent and admin API against a real collector on loopback; run once per storage backend. */
abstract class CollectorApiContract extends OnLoopback {
  record Node(String id, String key) {}

  Node enroll(String host, String user) {
    return enroll(host, user, null);
  }

  /** With {@code proof}, the node key the enroller already holds. */
  Node enroll(String host, String user, String proof) {
    Map<String, Object> body =
        new java.util.HashMap<>(Map.of("enrollSecret", SECRET, "host", Fixtures.host(host, user)));
    if (proof != null) {
      body.put("nodeKey", proof);
    }
    Http.Answer a = http.post("/api/v1/enroll", null, body);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return new Node(a.json().get("nodeId").asText(), a.json().get("nodeKey").asText());
  }

  Http.Answer send(Node n, Report r) {
    return http.postGzip("/api/v1/reports", n.key(), r);
  }

  @Test
  void incidentQueryNamesTheAccountWhoseHomeHoldsTheServerOnAnAllUsersAgent() {
    Node shared = enroll("build-box", "root");
    assertThat(
            send(
                    shared,
                    Fixtures.snapshot(
                        shared.id(),
                        Fixtures.inventory(
                            Fixtures.host("build-box", "root"),
                            List.of(
                                Fixtures.serverOf(
                                    "dave", "cursor", "postmark", "postmark-mcp", "1.0.16"),
                                Fixtures.server("claude-code", "mail", "postmark-mcp", "1.0.16")),
                            List.of())))
                .status())
        .isEqualTo(200);
    JsonNode devices =
        http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp", ADMIN).json().get("devices");
    assertThat(devices)
        .extracting(d -> d.get("client").asText() + "=" + d.get("owner").asText())
        .containsExactlyInAnyOrder("cursor=dave", "claude-code=root");
  }

  @Test
  void incidentQueryFindsEveryDeviceRunningThePackageInRange() {
    Node alice = enroll("alice-laptop", "alice");
    Node bob = enroll("bob-desktop", "bob");
    Node carol = enroll("carol-mac", "carol");
    assertThat(
            send(
                    alice,
                    Fixtures.snapshot(
                        alice.id(),
                        Fixtures.inventory(
                            Fixtures.host("alice-laptop", "alice"),
                            List.of(
                                Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16")),
                            List.of())))
                .status())
        .isEqualTo(200);
    assertThat(
            send(
                    bob,
                    Fixtures.snapshot(
                        bob.id(),
                        Fixtures.inventory(
                            Fixtures.host("bob-desktop", "bob"),
                            List.of(
                                Fixtures.server(
                                    "claude-desktop", "mail", "postmark-mcp", "1.0.15")),
                            List.of())))
                .status())
        .isEqualTo(200);
    assertThat(
            send(
                    carol,
                    Fixtures.snapshot(
                        carol.id(),
                        Fixtures.inventory(
                            Fixtures.host("carol-mac", "carol"),
                            List.of(
                                Fixtures.server(
                                    "cursor",
                                    "github",
                                    "@modelcontextprotocol/server-github",
                                    "2025.4.8")),
                            List.of())))
                .status())
        .isEqualTo(200);

    JsonNode all = http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp", ADMIN).json();
    assertThat(all.get("devices")).hasSize(2);
    JsonNode hit =
        http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp&range=%3E%3D1.0.16", ADMIN)
            .json();
    assertThat(hit.get("devices")).hasSize(1);
    JsonNode d = hit.get("devices").get(0);
    assertThat(fieldNames(d))
        .containsExactly(
            "nodeId",
            "hostname",
            "owner",
            "os",
            "client",
            "enabled",
            "approval",
            "blockedBy",
            "configPath",
            "serverName",
            "version",
            "firstSeen",
            "lastSeen",
            "callsSinceVersion",
            "calls30d",
            "lastCall");
    assertThat(d.get("nodeId").asText()).isEqualTo(alice.id());
    assertThat(d.get("hostname").asText()).isEqualTo("alice-laptop");
    assertThat(d.get("owner").asText()).isEqualTo("alice");
    assertThat(d.get("client").asText()).isEqualTo("cursor");
    assertThat(d.get("serverName").asText()).isEqualTo("postmark");
    assertThat(d.get("version").asText()).isEqualTo("1.0.16");
    assertThat(d.get("firstSeen").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(
            http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp@1.0.15", ADMIN)
                .json()
                .get("devices"))
        .hasSize(1);
    assertThat(
            http.get(
                    "/api/v1/fleet/packages?purl=pkg:npm/%40modelcontextprotocol/server-github&range=%5E2025.1.0",
                    ADMIN)
                .json()
                .get("devices"))
        .hasSize(1);
    assertThat(
            http.get(
                    "/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp&range=not%20a%20range!",
                    ADMIN)
                .status())
        .isEqualTo(400);
  }

  @Test
  void sameReportIdTwiceIsStoredOnce() {
    Node n = enroll("dup-host", "dana");
    Report r =
        Fixtures.snapshot(
            n.id(),
            Fixtures.inventory(
                Fixtures.host("dup-host", "dana"),
                List.of(Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16")),
                List.of()));
    assertThat(send(n, r).json().get("status").asText()).isEqualTo("stored");
    assertThat(send(n, r).json().get("status").asText()).isEqualTo("duplicate");
    JsonNode timeline = http.get("/api/v1/devices/" + n.id() + "/timeline", ADMIN).json();
    assertThat(timeline.get("reports")).hasSize(1);

    // Ids are unique per node: another device's report with the same id is its own, and cannot
    // be suppressed by a node that learned or guessed the id first.
    Node other = enroll("dup-other", "omar");
    Report same =
        new Report(
            r.schemaVersion(),
            r.reportId(),
            other.id(),
            r.createdAt(),
            r.kind(),
            Fixtures.inventory(Fixtures.host("dup-other", "omar"), List.of(), List.of()),
            List.of(),
            null);
    assertThat(send(other, same).json().get("status").asText()).isEqualTo("stored");
    assertThat(send(other, same).json().get("status").asText()).isEqualTo("duplicate");
    assertThat(http.get("/api/v1/devices/" + other.id() + "/timeline", ADMIN).json().get("reports"))
        .hasSize(1);
  }

  @Test
  void deltasUpdateTheLatestViewAndTimeline() {
    Node n = enroll("delta-host", "erin");
    send(
        n,
        Fixtures.snapshot(
            n.id(),
            Fixtures.inventory(
                Fixtures.host("delta-host", "erin"),
                List.of(),
                List.of(
                    new Finding(
                        "f1",
                        "unpinned",
                        Severity.HIGH,
                        "floating version",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)))));
    var added = Fixtures.server("vscode", "pm", "postmark-mcp", "1.0.16");
    assertThat(send(n, Fixtures.delta(n.id(), List.of(Fixtures.serverAdded(added)))).status())
        .isEqualTo(200);
    assertThat(
            http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp", ADMIN)
                .json()
                .get("devices"))
        .hasSize(1);
    JsonNode device = http.get("/api/v1/devices/" + n.id(), ADMIN).json();
    assertThat(device.get("servers")).hasSize(1);
    assertThat(device.get("findings").get(0).get("severity").asText()).isEqualTo("high");
    JsonNode timeline = http.get("/api/v1/devices/" + n.id() + "/timeline", ADMIN).json();
    assertThat(timeline.get("events").get(0).get("type").asText()).isEqualTo("server-added");
    JsonNode overview = http.get("/api/v1/overview", ADMIN).json();
    assertThat(overview.get("openFindings").get("high").asLong()).isEqualTo(1);
    JsonNode findings = http.get("/api/v1/findings?severity=high", ADMIN).json();
    assertThat(findings.get("findings")).hasSize(1);
    assertThat(http.get("/api/v1/findings?severity=low", ADMIN).json().get("findings")).isEmpty();
    JsonNode servers = http.get("/api/v1/fleet/servers?q=pm", ADMIN).json();
    assertThat(servers.get("servers").get(0).get("devices").asLong()).isEqualTo(1);
  }

  @Test
  void policyCarriesDecisionsWithWhoAndWhyAndHonoursTheEtag() throws Exception {
    Node n = enroll("policy-host", "fay");
    Http.Answer first = http.get("/api/v1/policy", n.key());
    assertThat(first.status()).isEqualTo(200);
    String etag = first.raw().headers().firstValue("ETag").orElseThrow();
    assertThat(first.json().get("scanIntervalSeconds").asLong()).isEqualTo(900);
    var again =
        http.send(
            http.request("/api/v1/policy", n.key()).header("If-None-Match", etag).GET().build());
    assertThat(again.status()).isEqualTo(304);

    Http.Answer edit =
        http.post(
            "/api/v1/admin/policy",
            ADMIN,
            Map.of(
                "subject",
                "pkg:npm/postmark-mcp",
                "allVersions",
                true,
                "decision",
                "denied",
                "by",
                "sec-team@example.com",
                "reason",
                "BCCs every email (GHSA)"));
    assertThat(edit.status()).as(edit.body()).isEqualTo(200);
    http.post(
        "/api/v1/admin/intel",
        ADMIN,
        Json.mapper()
            .readTree(
                "[{\"id\":\"MAL-2025-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"postmark-mcp\"}}]}]"));

    var changed =
        http.send(
            http.request("/api/v1/policy", n.key()).header("If-None-Match", etag).GET().build());
    assertThat(changed.status()).isEqualTo(200);
    JsonNode p = changed.json();
    assertThat(p.get("entries").get(0).get("subject").asText()).isEqualTo("pkg:npm/postmark-mcp");
    assertThat(p.get("entries").get(0).get("decision").asText()).isEqualTo("denied");
    assertThat(p.get("entries").get(0).get("by").asText()).isEqualTo("sec-team@example.com");
    assertThat(p.get("intel").get(0).get("id").asText()).isEqualTo("MAL-2025-1");
    String cursor = p.get("intelCursor").asText();
    assertThat(http.get("/api/v1/policy?intelCursor=" + cursor, n.key()).json().get("intel"))
        .isEmpty();
    JsonNode history = http.get("/api/v1/admin/policy", ADMIN).json().get("history");
    assertThat(history.get(0).get("reason").asText()).isEqualTo("BCCs every email (GHSA)");
  }

  @Test
  void aDecisionSaysItsScopeAndApprovingAMaliciousVersionNeedsAnOverride() throws Exception {
    Map<String, Object> noScope =
        Map.of(
            "subject",
            "pkg:npm/postmark-mcp",
            "decision",
            "approved",
            "by",
            "sec",
            "reason",
            "looked fine");
    assertThat(http.post("/api/v1/admin/policy", ADMIN, noScope).status())
        .as("no silent all-versions")
        .isEqualTo(400);
    assertThat(
            http.post(
                    "/api/v1/admin/policy",
                    ADMIN,
                    Map.of(
                        "subject",
                        "pkg:npm/postmark-mcp",
                        "version",
                        "1.0.15",
                        "allVersions",
                        true,
                        "decision",
                        "approved",
                        "by",
                        "sec",
                        "reason",
                        "r"))
                .status())
        .isEqualTo(400);
    assertThat(http.get("/api/v1/admin/policy", ADMIN).json().get("history")).isEmpty();

    http.post(
        "/api/v1/admin/intel",
        ADMIN,
        Json.mapper()
            .readTree(
                "[{\"id\":\"MAL-2025-7\",\"affected\":[{\"package\":"
                    + "{\"ecosystem\":\"npm\",\"name\":\"postmark-mcp\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":"
                    + "[{\"introduced\":\"1.0.16\"},{\"fixed\":\"1.0.18\"}]}]}]}]"));
    Http.Answer exact =
        http.post(
            "/api/v1/admin/policy",
            ADMIN,
            Map.of(
                "subject",
                "pkg:npm/postmark-mcp",
                "version",
                "1.0.15",
                "decision",
                "approved",
                "by",
                "sec",
                "reason",
                "reviewed the diff"));
    assertThat(exact.status())
        .as("1.0.15 is outside the malicious range: " + exact.body())
        .isEqualTo(200);
    Http.Answer refused =
        http.post(
            "/api/v1/admin/policy",
            ADMIN,
            Map.of(
                "subject",
                "pkg:npm/postmark-mcp",
                "version",
                "1.0.16",
                "decision",
                "approved",
                "by",
                "sec",
                "reason",
                "looked fine"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("error").asText())
        .contains("MAL-2025-7")
        .contains("overrideMalicious");
    assertThat(
            http.post(
                    "/api/v1/admin/policy",
                    ADMIN,
                    Map.of(
                        "subject",
                        "pkg:npm/postmark-mcp",
                        "allVersions",
                        true,
                        "decision",
                        "approved",
                        "by",
                        "sec",
                        "reason",
                        "r"))
                .status())
        .as("all versions include 1.0.16")
        .isEqualTo(409);
    assertThat(
            http.post(
                    "/api/v1/admin/policy",
                    ADMIN,
                    Map.of(
                        "subject",
                        "pkg:npm/postmark-mcp",
                        "version",
                        "1.0.18",
                        "decision",
                        "approved",
                        "by",
                        "sec",
                        "reason",
                        "fixed"))
                .status())
        .isEqualTo(200);
    Http.Answer overridden =
        http.post(
            "/api/v1/admin/policy",
            ADMIN,
            Map.of(
                "subject",
                "pkg:npm/postmark-mcp",
                "version",
                "1.0.16",
                "decision",
                "approved",
                "by",
                "sec",
                "reason",
                "internal fork, audited",
                "overrideMalicious",
                true));
    assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
    JsonNode entries = overridden.json().get("entries");
    assertThat(entries).hasSize(3);
    assertThat(entries.get(1).get("version").asText()).isEqualTo("1.0.16");
    assertThat(entries.get(1).get("overrides").asText()).isEqualTo("MAL-2025-7");

    assertThat(
            http.post(
                    "/api/v1/admin/policy",
                    ADMIN,
                    Map.of(
                        "subject",
                        "pkg:npm/postmark-mcp",
                        "version",
                        "1.0.17",
                        "decision",
                        "unreviewed",
                        "by",
                        "sec",
                        "reason",
                        "r"))
                .status())
        .as("nothing to revoke")
        .isEqualTo(404);
    Http.Answer revoked =
        http.post(
            "/api/v1/admin/policy",
            ADMIN,
            Map.of(
                "subject",
                "pkg:npm/postmark-mcp",
                "version",
                "1.0.16",
                "decision",
                "unreviewed",
                "by",
                "lead",
                "reason",
                "no exceptions for MAL"));
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("entries")).hasSize(2);
    JsonNode history = revoked.json().get("history");
    assertThat(history).hasSize(4);
    assertThat(history.get(0).get("decision").asText()).isEqualTo("unreviewed");
    assertThat(history.get(0).get("by").asText()).isEqualTo("lead");
    assertThat(history.get(1).get("overrides").asText()).isEqualTo("MAL-2025-7");
  }

  @Test
  void everyListPagesWithACursorAndFindingsComeWorstFirst() {
    List<String> hosts = List.of("h-a", "h-b", "h-c", "h-d", "h-e", "h-f", "h-g");
    for (String h : hosts) {
      Node n = enroll(h, "u");
      assertThat(
              send(
                      n,
                      Fixtures.snapshot(
                          n.id(),
                          Fixtures.inventory(
                              Fixtures.host(h, "u"),
                              List.of(
                                  Fixtures.server(
                                      "cursor",
                                      "gh",
                                      "@modelcontextprotocol/server-github",
                                      "2025.4." + h.charAt(2))),
                              List.of(
                                  Fixtures.finding("low-" + h, Severity.LOW, "l"),
                                  Fixtures.finding("crit-" + h, Severity.CRITICAL, "c"),
                                  Fixtures.finding("med-" + h, Severity.MEDIUM, "m"),
                                  Fixtures.finding("high-" + h, Severity.HIGH, "h")))))
                  .status())
          .isEqualTo(200);
    }
    List<String> seen = new java.util.ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      JsonNode page = http.get("/api/v1/devices?limit=3&cursor=" + cursor, ADMIN).json();
      page.get("devices").forEach(d -> seen.add(d.get("hostname").asText()));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(hosts);
    assertThat(pages).isEqualTo(3);

    List<String> severities = new java.util.ArrayList<>();
    cursor = "";
    do {
      JsonNode page = http.get("/api/v1/findings?limit=5&cursor=" + cursor, ADMIN).json();
      page.get("findings").forEach(f -> severities.add(f.get("severity").asText()));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
    } while (cursor != null);
    assertThat(severities).hasSize(28);
    assertThat(severities.subList(0, 7)).containsOnly("critical");
    assertThat(severities.subList(7, 14)).containsOnly("high");
    assertThat(severities.subList(14, 21)).containsOnly("medium");
    assertThat(severities.subList(21, 28)).containsOnly("low");

    JsonNode versions =
        http.get("/api/v1/fleet/packages?view=versions&q=server-github&limit=4", ADMIN).json();
    assertThat(versions.get("packages")).hasSize(4);
    assertThat(versions.get("packages").get(0).get("name").asText())
        .isEqualTo("@modelcontextprotocol/server-github");
    JsonNode rest =
        http.get(
                "/api/v1/fleet/packages?view=versions&q=server-github&limit=4&cursor="
                    + versions.get("next").asText(),
                ADMIN)
            .json();
    assertThat(rest.get("packages")).hasSize(3);
    assertThat(rest.get("next").isNull()).isTrue();
    JsonNode one =
        http.get(
                "/api/v1/fleet/packages?view=versions&purl=pkg:npm/%40modelcontextprotocol/server-github"
                    + "&version=2025.4.c",
                ADMIN)
            .json()
            .get("packages");
    assertThat(one).hasSize(1);
    assertThat(one.get(0).get("devices").asLong()).isEqualTo(1);
    JsonNode incident =
        http.get(
                "/api/v1/fleet/packages?purl=pkg:npm/%40modelcontextprotocol/server-github&limit=5",
                ADMIN)
            .json();
    assertThat(incident.get("total").asLong()).isEqualTo(7);
    assertThat(incident.get("devices")).hasSize(5);
    JsonNode incidentRest =
        http.get(
                "/api/v1/fleet/packages?purl=pkg:npm/%40modelcontextprotocol/server-github&limit=5"
                    + "&cursor="
                    + incident.get("next").asText(),
                ADMIN)
            .json();
    assertThat(incidentRest.get("devices")).hasSize(2);
    assertThat(http.get("/api/v1/devices?cursor=not-a-cursor", ADMIN).status()).isEqualTo(400);
  }

  @Test
  void devicesAreFoundByAnyPartOfHostOrOwnerInAnyCaseAndByTimeLastSeen() {
    Map<String, Node> nodes = new java.util.LinkedHashMap<>();
    for (String[] h :
        new String[][] {
          {"Build-Box-7", "Dana"}, {"alice-laptop", "alice"}, {"bob-desktop", "bob"}
        }) {
      Node n = enroll(h[0], h[1]);
      nodes.put(h[0], n);
      assertThat(
              send(
                      n,
                      Fixtures.snapshot(
                          n.id(),
                          Fixtures.inventory(Fixtures.host(h[0], h[1]), List.of(), List.of())))
                  .status())
          .isEqualTo(200);
    }
    assertThat(hostsFound("q=box")).containsExactly("Build-Box-7");
    assertThat(hostsFound("q=DANA")).containsExactly("Build-Box-7");
    assertThat(
            hostsFound(
                "q=" + java.net.URLEncoder.encode("-LAP", java.nio.charset.StandardCharsets.UTF_8)))
        .containsExactly("alice-laptop");
    assertThat(hostsFound("q=ob")).containsExactly("bob-desktop");
    assertThat(hostsFound("q=to")).containsExactly("alice-laptop", "bob-desktop");
    assertThat(hostsFound("q=nowhere")).isEmpty();
    // A device that reports a new host name is found by the new one only.
    Node alice = nodes.get("alice-laptop");
    assertThat(
            send(
                    alice,
                    Fixtures.snapshot(
                        alice.id(),
                        Fixtures.inventory(
                            Fixtures.host("renamed-7", "alice"), List.of(), List.of())))
                .status())
        .isEqualTo(200);
    assertThat(hostsFound("q=laptop")).isEmpty();
    assertThat(hostsFound("q=amed-7")).containsExactly("renamed-7");
    assertThat(hostsFound("q=-7")).containsExactly("Build-Box-7", "renamed-7");

    long now = System.currentTimeMillis();
    assertThat(hostsFound("seenBefore=" + (now - 7 * 86_400_000L))).isEmpty();
    assertThat(hostsFound("seenBefore=" + (now + 60_000)))
        .containsExactlyInAnyOrder("Build-Box-7", "bob-desktop", "renamed-7");
    assertThat(hostsFound("seenBefore=" + (now + 60_000) + "&q=box"))
        .containsExactly("Build-Box-7");
    assertThat(hostsFound("seenAfter=" + (now - 60_000))).hasSize(3);
  }

  private List<String> hostsFound(String query) {
    Http.Answer a = http.get("/api/v1/devices?" + query, ADMIN);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    List<String> hosts = new java.util.ArrayList<>();
    a.json().get("devices").forEach(d -> hosts.add(d.get("hostname").asText()));
    return hosts;
  }

  @Test
  void incidentPagesComeInHostOrderWithTheRangeJudgedPerVersion() {
    String[][] fleet = {
      {"zeta-box", "1.0.16"},
      {"Alpha-box", "1.0.18"},
      {"alpha-box", "1.0.15"},
      {"mid-box", "1.0.17"},
      {"beta-box", "1.0.16"},
      {"Omega-box", "1.0.9"},
      {"gamma-box", null}
    };
    for (String[] d : fleet) {
      Node n = enroll(d[0], "u");
      List<McpServer> servers =
          new java.util.ArrayList<>(
              List.of(Fixtures.server("cursor", "postmark", "postmark-mcp", d[1])));
      if (d[0].equals("beta-box")) {
        servers.add(Fixtures.server("claude-code", "mail", "postmark-mcp", "1.0.19"));
        servers.add(
            Fixtures.server("cursor", "github", "@modelcontextprotocol/server-github", "2025.4.8"));
      }
      List<dev.daylight.protocol.InstalledPackage> cache =
          d[0].equals("mid-box")
              ? List.of(
                  new dev.daylight.protocol.InstalledPackage(
                      "pkg:npm/postmark-mcp@1.0.20",
                      "npm",
                      "postmark-mcp",
                      "1.0.20",
                      "npx-cache",
                      "/home/u/.npm/_npx/1/node_modules/postmark-mcp",
                      null,
                      List.of(),
                      null))
              : List.of();
      Inventory inv =
          new Inventory(
              SchemaVersion.CURRENT,
              UUID.randomUUID().toString(),
              Instant.now(),
              Instant.now(),
              Fixtures.host(d[0], "u"),
              List.of(),
              servers,
              cache,
              List.of(),
              List.of(),
              List.of());
      assertThat(send(n, Fixtures.snapshot(n.id(), inv)).status()).isEqualTo(200);
    }
    // Java's order of the key (host name, node, client, server, version): capitals first.
    assertThat(incidentRows("&range=%3E%3D1.0.16", 2))
        .containsExactly(
            "Alpha-box cursor postmark 1.0.18",
            "beta-box claude-code mail 1.0.19",
            "beta-box cursor postmark 1.0.16",
            "mid-box null null 1.0.20",
            "mid-box cursor postmark 1.0.17",
            "zeta-box cursor postmark 1.0.16");
    assertThat(incidentRows("&range=%3C1.0.16", 1))
        .containsExactly("Omega-box cursor postmark 1.0.9", "alpha-box cursor postmark 1.0.15");
    assertThat(incidentRows("&range=%3E%3D9.0.0", 3)).isEmpty();
    assertThat(incidentRows("", 3)).hasSize(9).contains("gamma-box cursor postmark null");
    JsonNode first =
        http.get(
                "/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp&range=%3E%3D1.0.16&limit=4",
                ADMIN)
            .json();
    assertThat(first.get("total").asLong()).isEqualTo(6);
    assertThat(
            http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp@1.0.16", ADMIN)
                .json()
                .get("total")
                .asLong())
        .isEqualTo(2);
  }

  /**
   * Every page of the incident for postmark-mcp, {@code limit} rows a page, as "host client server
   * version".
   */
  private List<String> incidentRows(String range, int limit) {
    List<String> rows = new java.util.ArrayList<>();
    String cursor = "";
    long total = -1;
    do {
      Http.Answer a =
          http.get(
              "/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp"
                  + range
                  + "&limit="
                  + limit
                  + "&cursor="
                  + cursor,
              ADMIN);
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      JsonNode page = a.json();
      assertThat(page.get("devices").size()).isLessThanOrEqualTo(limit);
      total = page.get("total").asLong();
      page.get("devices")
          .forEach(
              d ->
                  rows.add(
                      d.get("hostname").asText()
                          + " "
                          + d.get("client").asText()
                          + " "
                          + d.get("serverName").asText()
                          + " "
                          + d.get("version").asText()));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
    } while (cursor != null);
    assertThat(rows).hasSize((int) total);
    return rows;
  }

  @Test
  void largeIntelIsPagedBySizeSoNoPolicyAnswerGrowsPastWhatAgentsAccept() throws Exception {
    Node n = enroll("intel-host", "jo");
    String padding = "x".repeat(1_000_000);
    for (int i = 0; i < 6; i++) {
      var record =
          Json.mapper().createObjectNode().put("id", "MAL-2026-" + i).put("details", padding);
      record
          .putArray("affected")
          .addObject()
          .putObject("package")
          .put("ecosystem", "npm")
          .put("name", "p" + i);
      assertThat(
              http.post("/api/v1/admin/intel", ADMIN, Json.mapper().createArrayNode().add(record))
                  .status())
          .isEqualTo(200);
    }
    List<String> ids = new java.util.ArrayList<>();
    String cursor = "0";
    for (int page = 0; page < 6; page++) {
      Http.Answer a = http.get("/api/v1/policy?intelCursor=" + cursor, n.key());
      assertThat(a.body().length()).isLessThan(8 * 1024 * 1024);
      a.json().get("intel").forEach(r -> ids.add(r.get("id").asText()));
      if (a.json().get("intel").isEmpty()) {
        break;
      }
      assertThat(a.json().get("intel").size()).isLessThan(6);
      cursor = a.json().get("intelCursor").asText();
    }
    assertThat(ids)
        .containsExactly(
            "MAL-2026-0", "MAL-2026-1", "MAL-2026-2", "MAL-2026-3", "MAL-2026-4", "MAL-2026-5");
  }

  @Test
  void reenrollingWithTheCurrentKeyKeepsTheIdRetiresTheOldKeyAndTellsItsHolderWhy() {
    Node first = enroll("same-host", "gus");
    Node second = enroll("same-host", "gus", first.key());
    assertThat(second.id()).isEqualTo(first.id());
    Http.Answer old = http.get("/api/v1/policy", first.key());
    assertThat(old.status()).isEqualTo(401);
    assertThat(old.json().get("error").asText()).isEqualTo("node key retired");
    assertThat(old.json().get("reason").asText()).contains("enrolled again with this key");
    assertThat(old.json().get("reenroll").asText()).isEqualTo("needs an administrator's approval");
    assertThat(http.get("/api/v1/policy", second.key()).status()).isEqualTo(200);
  }

  @Test
  void theDeviceIdAloneNeverTakesANodeAndTheAdminViewShowsTheAttempt() {
    Node victim = enroll("victim-host", "vic");
    Http.Answer takeover =
        http.post(
            "/api/v1/enroll",
            null,
            Map.of("enrollSecret", SECRET, "host", Fixtures.host("victim-host", "mallory")));
    assertThat(takeover.status()).isEqualTo(409);
    assertThat(takeover.body()).doesNotContain(victim.id()).doesNotContain(victim.key());
    assertThat(http.get("/api/v1/policy", victim.key()).status()).isEqualTo(200);

    JsonNode view = http.get("/api/v1/admin/enrollments", ADMIN).json();
    assertThat(view.get("duplicates"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.get("nodeId").asText()).isEqualTo(victim.id());
              assertThat(d.get("refusedEnrollments").asLong()).isEqualTo(1);
              assertThat(d.get("lastRefusedHostname").asText()).isEqualTo("victim-host");
            });
    assertThat(http.get("/api/v1/admin/enrollments", victim.key()).status()).isEqualTo(401);
  }

  @Test
  void anAdministratorsRevocationTellsTheAgentWhyAndLetsItEnrollOnce() {
    Node n = enroll("lost-laptop", "lia");
    Http.Answer allowed =
        http.post(
            "/api/v1/devices/" + n.id() + "/reenroll",
            ADMIN,
            Map.of("by", "sec-team", "revoke", true, "hours", 2));
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
    assertThat(allowed.json().get("reenrollmentsAllowed"))
        .singleElement()
        .satisfies(r -> assertThat(r.get("nodeId").asText()).isEqualTo(n.id()));

    Http.Answer revoked = http.get("/api/v1/policy", n.key());
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.json().get("reason").asText()).contains("revoked by an administrator");
    assertThat(revoked.json().get("reenroll").asText()).isEqualTo("allowed");

    Node again = enroll("lost-laptop", "lia");
    assertThat(again.id()).isEqualTo(n.id());
    assertThat(http.get("/api/v1/policy", again.key()).status()).isEqualTo(200);
    assertThat(
            http.post(
                    "/api/v1/enroll",
                    null,
                    Map.of("enrollSecret", SECRET, "host", Fixtures.host("lost-laptop", "lia")))
                .status())
        .as("the approval is used up")
        .isEqualTo(409);
    JsonNode events = http.get("/api/v1/admin/enrollments", ADMIN).json().get("events");
    assertThat(events)
        .filteredOn(e -> e.get("nodeId").asText().equals(n.id()))
        .extracting(e -> e.get("kind").asText() + " by " + e.get("by").asText())
        .containsExactlyInAnyOrder(
            "enrolled by null",
            "key revoked, re-enrollment allowed by sec-team",
            "re-enrolled with administrator approval by null");
  }

  @Test
  void anOwnerTheTeamAssignsAnswersTheIncidentQueryUntilCleared() {
    Node n = enroll("kiosk-7", "svc-kiosk");
    Report snap =
        Fixtures.snapshot(
            n.id(),
            Fixtures.inventory(
                Fixtures.host("kiosk-7", "svc-kiosk"),
                List.of(Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16")),
                List.of()));
    assertThat(send(n, snap).status()).isEqualTo(200);
    String incident = "/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp";
    assertThat(http.get(incident, ADMIN).json().get("devices").get(0).get("owner").asText())
        .isEqualTo("svc-kiosk");

    String path = "/api/v1/devices/" + n.id() + "/owner";
    Http.Answer set = http.put(path, ADMIN, Map.of("owner", "dana@example.com", "by", "sec-team"));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().get("owner").asText()).isEqualTo("dana@example.com");
    // The agent keeps reporting its service account; the assignment holds through snapshots and
    // re-enrollment.
    send(n, Fixtures.snapshot(n.id(), snap.inventory()));
    Node again = enroll("kiosk-7", "svc-kiosk", n.key());
    assertThat(again.id()).isEqualTo(n.id());
    assertThat(http.get(incident, ADMIN).json().get("devices").get(0).get("owner").asText())
        .isEqualTo("dana@example.com");

    assertThat(http.put(path, ADMIN, Map.of("owner", "x")).status()).isEqualTo(400);
    assertThat(http.put(path, ADMIN, Map.of("owner", "line\nbreak", "by", "sec-team")).status())
        .isEqualTo(400);
    assertThat(http.put(path, null, Map.of("owner", "mallory", "by", "mallory")).status())
        .isEqualTo(401);
    assertThat(http.put(path, n.key(), Map.of("owner", "mallory", "by", "mallory")).status())
        .isEqualTo(401);
    Http.Answer wrongMethod = http.get(path, ADMIN);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.raw().headers().firstValue("Allow")).hasValue("PUT");
    assertThat(
            http.put("/api/v1/devices/no-such-node/owner", ADMIN, Map.of("owner", "o", "by", "b"))
                .status())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/devices/" + n.id(), ADMIN).json().get("owner").asText())
        .isEqualTo("dana@example.com");

    Map<String, String> clear = new java.util.HashMap<>();
    clear.put("owner", null);
    clear.put("by", "sec-team");
    assertThat(http.put(path, ADMIN, clear).status()).isEqualTo(200);
    assertThat(http.get(incident, ADMIN).json().get("devices").get(0).get("owner").asText())
        .isEqualTo("svc-kiosk");
  }

  @Test
  void aProjectServerWaitingForApprovalIsShownAsSuch() {
    Node n = enroll("approval-host", "ivy");
    McpServer s = Fixtures.server("claude-code", "postmark", "postmark-mcp", "1.0.16");
    McpServer pending =
        s.toBuilder()
            .scope(Scope.PROJECT)
            .configPath("/home/ivy/repo/.mcp.json")
            .line(2)
            .enabled(false)
            .proxiedUrl(null)
            .osUser(null)
            .approval(Approval.PENDING)
            .build();
    send(
        n,
        Fixtures.snapshot(
            n.id(),
            Fixtures.inventory(
                Fixtures.host("approval-host", "ivy"), List.of(pending), List.of())));
    JsonNode servers = http.get("/api/v1/devices/" + n.id(), ADMIN).json().get("servers");
    assertThat(servers.get(0).get("approval").asText()).isEqualTo("pending");
    // One click from running: the incident query still lists it.
    assertThat(
            http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp", ADMIN)
                .json()
                .get("devices"))
        .hasSize(1);
  }

  @Test
  void aServerTheClientBlocksOrTheConfigDisablesIsListedAsNotRunning() {
    Node n = enroll("policy-host", "kim");
    McpServer s = Fixtures.server("claude-code", "postmark", "postmark-mcp", "1.0.16");
    McpServer blocked = s.withBlock("deniedMcpServers in managed-settings.json");
    McpServer other = Fixtures.server("cursor", "mail", "postmark-mcp", "1.0.16");
    McpServer disabled =
        other.toBuilder()
            .line(1)
            .enabled(false)
            .proxiedUrl(null)
            .osUser(null)
            .approval(null)
            .build();
    McpServer running = Fixtures.server("zed", "pm", "postmark-mcp", "1.0.16");
    send(
        n,
        Fixtures.snapshot(
            n.id(),
            Fixtures.inventory(
                Fixtures.host("policy-host", "kim"),
                List.of(blocked, disabled, running),
                List.of())));

    JsonNode servers = http.get("/api/v1/devices/" + n.id(), ADMIN).json().get("servers");
    Map<String, JsonNode> byClient = new java.util.HashMap<>();
    servers.forEach(x -> byClient.put(x.get("client").asText(), x));
    assertThat(byClient.get("claude-code").get("enabled").asInt()).isZero();
    assertThat(byClient.get("claude-code").get("blockedBy").asText())
        .isEqualTo("deniedMcpServers in managed-settings.json");
    assertThat(byClient.get("cursor").get("enabled").asInt()).isZero();
    assertThat(byClient.get("cursor").get("blockedBy").isNull()).isTrue();
    assertThat(byClient.get("zed").get("enabled").asInt()).isEqualTo(1);

    // The incident answer's shape is fixed for runbooks; it lists all three, and the device page
    // says which of them actually start.
    assertThat(
            http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp", ADMIN)
                .json()
                .get("devices"))
        .hasSize(3);
  }

  @Test
  void guardCallsAreCountedPerDeviceAndFleetWide() {
    Node a = enroll("guard-a", "ann");
    Node b = enroll("guard-b", "bob");
    send(
        a,
        Fixtures.delta(
            a.id(),
            List.of(
                guardCall("deny", "send_email"),
                guardCall("deny", "list"),
                guardCall("audit", "send_email"))));
    send(b, Fixtures.delta(b.id(), List.of(guardCall("deny", "send_email"))));
    JsonNode fleet = http.get("/api/v1/guard/calls", ADMIN).json();
    assertThat(fleet.get("blocked").asLong()).isEqualTo(3);
    assertThat(fleet.get("audited").asLong()).isEqualTo(1);
    assertThat(fleet.get("devices")).hasSize(2);
    JsonNode one = http.get("/api/v1/guard/calls?node=" + a.id() + "&decision=deny", ADMIN).json();
    assertThat(one.get("blocked").asLong()).isEqualTo(2);
    assertThat(one.get("calls")).hasSize(2);
    JsonNode call = one.get("calls").get(0);
    assertThat(call.get("hostname").asText()).isEqualTo("guard-a");
    assertThat(call.get("server").asText()).isEqualTo("postmark");
    assertThat(call.get("client").asText()).isEqualTo("claude-code");
    assertThat(call.get("reason").asText()).contains("suspended");
    assertThat(http.get("/api/v1/guard/calls?decision=allow", ADMIN).status()).isEqualTo(400);
    assertThat(http.get("/api/v1/guard/calls", null).status()).isEqualTo(401);
  }

  @Test
  void theFleetGuardModeRidesWithThePolicyAndChangesItsEtag() {
    Node n = enroll("guard-policy", "ann");
    Http.Answer before = http.get("/api/v1/policy", n.key());
    assertThat(before.json().get("guard").isNull()).isTrue();
    assertThat(
            http.put("/api/v1/admin/guard", ADMIN, Map.of("mode", "strict", "by", "sec")).status())
        .isEqualTo(400);
    assertThat(http.put("/api/v1/admin/guard", ADMIN, Map.of("mode", "enforce")).status())
        .isEqualTo(400);
    assertThat(
            http.put(
                    "/api/v1/admin/guard",
                    ADMIN,
                    Map.of("mode", "enforce", "installHooks", true, "by", "sec"))
                .status())
        .isEqualTo(200);
    Http.Answer after = http.get("/api/v1/policy", n.key());
    assertThat(after.json().get("etag").asText()).isNotEqualTo(before.json().get("etag").asText());
    assertThat(after.json().get("guard").get("mode").asText()).isEqualTo("enforce");
    assertThat(after.json().get("guard").get("installHooks").asBoolean()).isTrue();
    assertThat(http.get("/api/v1/admin/guard", ADMIN).json().get("by").asText()).isEqualTo("sec");
    assertThat(http.put("/api/v1/admin/guard", null, Map.of("mode", "off", "by", "x")).status())
        .isEqualTo(401);
  }

  /** As the agent's GuardEvents builds it from one spool line. */
  static dev.daylight.protocol.ChangeEvent guardCall(String decision, String tool) {
    var after =
        Json.mapper()
            .createObjectNode()
            .put("client", "claude-code")
            .put("server", "postmark")
            .put("tool", tool)
            .put("project", "/home/ann/p")
            .put("decision", decision)
            .put(
                "reason",
                "Daylight: postmark-mcp changed to 1.0.16 and is suspended until reviewed");
    return new dev.daylight.protocol.ChangeEvent(
        java.util.UUID.randomUUID().toString(),
        dev.daylight.protocol.ChangeType.GUARD_CALL,
        java.time.Instant.now(),
        null,
        null,
        null,
        null,
        decision + ": claude-code postmark " + tool,
        null,
        after);
  }

  @Test
  void healthAndMetricsAnswer() {
    assertThat(http.get("/healthz", null).status()).isEqualTo(200);
    Node n = enroll("metrics-host", "hal");
    send(n, Fixtures.delta(n.id(), List.of()));
    String metrics = http.get("/metrics", null).body();
    assertThat(metrics).contains("daylight_reports_total{outcome=\"stored\"} 1.0");
    assertThat(metrics).contains("daylight_http_request_duration_seconds_bucket");
    http.get("/api/v1/devices/" + n.id() + "/timeline", ADMIN);
    // One series per route, not per device: the label is the route's template.
    assertThat(http.get("/metrics", null).body())
        .contains("route=\"/api/v1/devices/{id}/timeline\"")
        .doesNotContain(n.id());
    assertThat(metrics).containsPattern("daylight_writes_total [1-9]");
    assertThat(metrics).containsPattern("daylight_write_batches_total [1-9]");
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void incidentQueryAsksForDevicesRunningAVersionWithACriticalReleaseFinding() {
    Node alice = enroll("alice-laptop", "alice");
    Node bob = enroll("bob-desktop", "bob");
    Finding bcc =
        new Finding(
            "release-new-destination:1",
            "release-new-destination",
            Severity.CRITICAL,
            "postmark-mcp 1.0.16 adds a literal mail recipient `phan@giftshop.club` at index.js:7",
            null,
            "pkg:npm/postmark-mcp@1.0.16",
            null,
            null,
            "Do not approve",
            new dev.daylight.protocol.Release(
                "pkg:npm/postmark-mcp",
                "1.0.15",
                "1.0.16",
                "destination",
                "mail-recipient",
                "phan@giftshop.club",
                "index.js",
                7));
    assertThat(
            send(
                    alice,
                    Fixtures.snapshot(
                        alice.id(),
                        Fixtures.inventory(
                            Fixtures.host("alice-laptop", "alice"),
                            List.of(
                                Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16")),
                            List.of(bcc))))
                .status())
        .isEqualTo(200);
    // Bob runs the same version; his agent has not reviewed it: the version is flagged fleet-wide.
    assertThat(
            send(
                    bob,
                    Fixtures.snapshot(
                        bob.id(),
                        Fixtures.inventory(
                            Fixtures.host("bob-desktop", "bob"),
                            List.of(
                                Fixtures.server("claude-desktop", "mail", "postmark-mcp", "1.0.16"),
                                Fixtures.server("cursor", "mail", "postmark-mcp", "1.0.15")),
                            List.of())))
                .status())
        .isEqualTo(200);

    JsonNode critical =
        http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp&release=critical", ADMIN).json();
    assertThat(critical.get("devices"))
        .extracting(d -> d.get("hostname").asText() + "@" + d.get("version").asText())
        .containsExactlyInAnyOrder("alice-laptop@1.0.16", "bob-desktop@1.0.16");
    assertThat(
            http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp", ADMIN)
                .json()
                .get("devices"))
        .hasSize(3);
    assertThat(
            http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp&release=bogus", ADMIN)
                .status())
        .isEqualTo(400);
    JsonNode findings =
        http.get("/api/v1/findings?rule=release-new-destination", ADMIN).json().get("findings");
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("purl").asText()).isEqualTo("pkg:npm/postmark-mcp@1.0.16");
              assertThat(f.path("release").path("value").asText()).isEqualTo("phan@giftshop.club");
              assertThat(f.path("release").path("from").asText()).isEqualTo("1.0.15");
            });
  }

  @Test
  void usageCountsAnswerCallsSinceTheVersionChangedTheLastCallAndWhichServersSitIdle() {
    Node erin = enroll("erin-laptop", "erin");
    Instant lastCall =
        Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    String today =
        java.time.LocalDate.ofInstant(Instant.now(), java.time.ZoneOffset.UTC).toString();
    Inventory inv =
        Fixtures.inventory(
            Fixtures.host("erin-laptop", "erin"),
            List.of(
                Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16"),
                Fixtures.server(
                    "cursor", "github", "@modelcontextprotocol/server-github", "2025.4.8")),
            List.of());
    List<UsageDay> usage =
        List.of(
            new UsageDay(
                "2020-01-01",
                "cursor",
                "postmark",
                "send-email",
                5,
                0,
                Instant.parse("2020-01-01T10:00:00Z")),
            new UsageDay(today, "cursor", "postmark", "send-email", 212, 1, lastCall));
    assertThat(
            send(
                    erin,
                    new Report(
                        SchemaVersion.CURRENT,
                        UUID.randomUUID().toString(),
                        erin.id(),
                        Instant.now(),
                        ReportKind.SNAPSHOT,
                        inv,
                        List.of(),
                        usage))
                .status())
        .isEqualTo(200);

    JsonNode hit =
        http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp", ADMIN)
            .json()
            .get("devices")
            .get(0);
    assertThat(hit.get("callsSinceVersion").asLong()).isEqualTo(212);
    assertThat(hit.get("lastCall").asText()).isEqualTo(lastCall.toString());

    JsonNode device = http.get("/api/v1/devices/" + erin.id(), ADMIN).json();
    assertThat(device.get("servers"))
        .extracting(s -> s.get("name").asText() + "=" + s.get("calls30d").asLong())
        .containsExactlyInAnyOrder("postmark=212", "github=0");
    assertThat(device.get("usage"))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.get("tool").asText()).isEqualTo("send-email");
              assertThat(u.get("calls").asLong()).isEqualTo(212);
            });

    // A later report counts the day again whole: it replaces the count, a late retry does not.
    List<UsageDay> more =
        List.of(
            new UsageDay(
                today, "cursor", "postmark", "send-email", 215, 1, lastCall.plusSeconds(30)));
    assertThat(
            send(
                    erin,
                    new Report(
                        SchemaVersion.CURRENT,
                        UUID.randomUUID().toString(),
                        erin.id(),
                        Instant.now(),
                        ReportKind.DELTA,
                        null,
                        List.of(),
                        more))
                .status())
        .isEqualTo(200);
    assertThat(
            send(
                    erin,
                    new Report(
                        SchemaVersion.CURRENT,
                        UUID.randomUUID().toString(),
                        erin.id(),
                        Instant.now(),
                        ReportKind.DELTA,
                        null,
                        List.of(),
                        usage))
                .status())
        .isEqualTo(200);
    JsonNode again =
        http.get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp", ADMIN)
            .json()
            .get("devices")
            .get(0);
    assertThat(again.get("callsSinceVersion").asLong()).isEqualTo(215);
  }
}
