package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.ChangeType;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.UsageDay;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Capability classes through the collector (issue 14): stored per device server at ingest, the
 * fleet query by class with its approval state, class decisions and the fleet's approval classes;
 * run once per storage backend.
 */
abstract class FleetCapabilitiesContract extends OnLoopback {
  record Node(String id, String key, Host host) {}

  Node enroll(String hostname, String user) {
    Host host = Fixtures.host(hostname, user);
    Http.Answer a = http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", host));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return new Node(a.json().get("nodeId").asText(), a.json().get("nodeKey").asText(), host);
  }

  void snapshot(
      Node n,
      List<McpServer> servers,
      List<InstalledPackage> pkgs,
      List<Finding> findings,
      List<UsageDay> usage) {
    Inventory inv =
        new Inventory(
            SchemaVersion.CURRENT,
            UUID.randomUUID().toString(),
            Instant.now(),
            Instant.now(),
            n.host(),
            List.of(),
            servers,
            pkgs,
            findings,
            List.of(),
            null);
    Report r =
        new Report(
            SchemaVersion.CURRENT,
            UUID.randomUUID().toString(),
            n.id(),
            Instant.now(),
            ReportKind.SNAPSHOT,
            inv,
            List.of(),
            usage);
    Http.Answer a = http.postGzip("/api/v1/reports", n.key(), r);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  static Capability cap(String cls, String file, int line, String text) {
    return new Capability(cls, Evidence.file(file, line, text));
  }

  static McpServer withClasses(McpServer s, Capability... caps) {
    return s.toBuilder().capabilities(List.of(caps), null).build();
  }

  static InstalledPackage pkg(String name, String version, Capability... caps) {
    return new InstalledPackage(
        "pkg:npm/" + name + "@" + version,
        "npm",
        name,
        version,
        "npx-cache",
        "/home/u/.npm/_npx/1/node_modules/" + name,
        "ab",
        List.of(caps),
        null);
  }

  JsonNode servers(String query) {
    Http.Answer a = http.get("/api/v1/fleet/servers?" + query, ADMIN);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json();
  }

  Map<String, JsonNode> byHost(JsonNode page) {
    Map<String, JsonNode> out = new HashMap<>();
    page.get("servers")
        .forEach(s -> out.put(s.get("hostname").asText() + "/" + s.get("serverName").asText(), s));
    return out;
  }

  void decide(String subject, String version, String decision) {
    Map<String, Object> body =
        new HashMap<>(
            Map.of(
                "subject", subject, "decision", decision, "by", "sec-team", "reason", "reviewed"));
    if (version != null) {
      body.put("version", version);
    }
    Http.Answer a = http.post("/api/v1/admin/policy", ADMIN, body);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  @Test
  void everyServerThatCanSendEmailWithItsDeviceOwnerPackageEvidenceUsageAndApproval() {
    Node alice = enroll("alice-laptop", "alice");
    Node bob = enroll("bob-desktop", "bob");
    Node carol = enroll("carol-mac", "carol");
    McpServer postmark =
        withClasses(
            Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16"),
            cap(
                "email-send",
                "/home/alice/.npm/_npx/1/node_modules/postmark-mcp/index.js",
                136,
                "bcc: 'x@y.example'"),
            cap(
                "http-fetch",
                "/home/alice/.npm/_npx/1/node_modules/postmark-mcp/index.js",
                12,
                "fetch(url)"));
    snapshot(
        alice,
        List.of(
            postmark,
            withClasses(
                Fixtures.server("cursor", "files", "server-filesystem", "1.0.0"),
                cap("filesystem-write", "index.js", 40, "writeFile"))),
        List.of(),
        List.of(
            new Finding(
                "uc-1",
                "unapproved-capability",
                Severity.HIGH,
                "Server 'postmark' can send email (email-send) and has no approval",
                postmark.id(),
                "pkg:npm/postmark-mcp@1.0.16",
                null,
                null,
                "approve it or remove it",
                null)),
        null);
    // An agent that reports classes per package only: its server gets its package's.
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    snapshot(
        bob,
        List.of(
            Fixtures.server("claude-code", "mail", "postmark-mcp", "1.0.15"),
            Fixtures.server("claude-code", "notes", "some-notes", "2.0.0")),
        List.of(
            pkg(
                "postmark-mcp",
                "1.0.15",
                cap(
                    "email-send",
                    "/home/bob/.npm/_npx/2/node_modules/postmark-mcp/index.js",
                    120,
                    "client.sendEmail("))),
        List.of(),
        List.of(
            new UsageDay(
                today, "claude-code", "mail", "send_email", 7, 0, Instant.now().minusSeconds(60))));
    snapshot(
        carol,
        List.of(
            withClasses(
                Fixtures.server("cursor", "github", "server-github", "1.2.0"),
                cap("source-control", "index.js", 3, "@octokit/rest"))),
        List.of(),
        List.of(),
        null);

    JsonNode page = servers("capability=email-send");
    assertThat(page.get("next").isNull()).isTrue();
    Map<String, JsonNode> rows = byHost(page);
    assertThat(rows).containsOnlyKeys("alice-laptop/postmark", "bob-desktop/mail");
    JsonNode a = rows.get("alice-laptop/postmark");
    assertThat(fieldNames(a))
        .containsExactly(
            "nodeId",
            "hostname",
            "owner",
            "os",
            "serverId",
            "client",
            "serverName",
            "purl",
            "version",
            "url",
            "configPath",
            "enabled",
            "clientApproval",
            "blockedBy",
            "firstSeen",
            "lastSeen",
            "evidence",
            "capability",
            "package",
            "fleetDecision",
            "unapprovedFinding",
            "approvalState",
            "callsSinceVersion",
            "calls30d",
            "lastCall");
    assertThat(a.get("nodeId").asText()).isEqualTo(alice.id());
    assertThat(a.get("owner").asText()).isEqualTo("alice");
    assertThat(a.get("client").asText()).isEqualTo("cursor");
    assertThat(a.get("package").asText()).isEqualTo("postmark-mcp@1.0.16");
    assertThat(a.get("evidence").get("file").asText()).endsWith("postmark-mcp/index.js");
    assertThat(a.get("evidence").get("line").asInt()).isEqualTo(136);
    assertThat(a.get("unapprovedFinding").asBoolean()).isTrue();
    assertThat(a.get("approvalState").asText()).isEqualTo("awaiting-approval");
    assertThat(a.get("fleetDecision").isNull()).isTrue();
    JsonNode b = rows.get("bob-desktop/mail");
    assertThat(b.get("evidence").get("line").asInt()).as("the package's evidence").isEqualTo(120);
    assertThat(b.get("unapprovedFinding").asBoolean()).isFalse();
    assertThat(b.get("approvalState").asText()).isEqualTo("no-fleet-decision");
    assertThat(b.get("calls30d").asLong()).isEqualTo(7);
    assertThat(b.get("lastCall").asText()).isNotEmpty();
    assertThat(
            byHost(servers("capability=http-fetch"))
                .get("alice-laptop/postmark")
                .get("unapprovedFinding")
                .asBoolean())
        .as("the finding names email-send only")
        .isFalse();
    assertThat(byHost(servers("capability=source-control"))).containsOnlyKeys("carol-mac/github");
    assertThat(byHost(servers("capability=payments"))).isEmpty();

    // A class approval covers both; a denial (here of the package's exact version) wins over it.
    decide("class:email-send", null, "approved");
    rows = byHost(servers("capability=email-send"));
    assertThat(rows.get("alice-laptop/postmark").get("approvalState").asText())
        .isEqualTo("approved");
    assertThat(rows.get("alice-laptop/postmark").get("fleetDecision").get("subject").asText())
        .isEqualTo("class:email-send");
    decide("pkg:npm/postmark-mcp", "1.0.15", "denied");
    rows = byHost(servers("capability=email-send"));
    assertThat(rows.get("bob-desktop/mail").get("approvalState").asText()).isEqualTo("denied");
    assertThat(rows.get("bob-desktop/mail").get("fleetDecision").get("version").asText())
        .isEqualTo("1.0.15");
    assertThat(rows.get("alice-laptop/postmark").get("fleetDecision").get("subject").asText())
        .isEqualTo("class:email-send");
    decide("server:postmark", null, "denied");
    assertThat(
            byHost(servers("capability=email-send"))
                .get("alice-laptop/postmark")
                .get("fleetDecision")
                .get("subject")
                .asText())
        .isEqualTo("server:postmark");
    // A denied class wins over every approval, as agents read it.
    decide("server:postmark", null, "approved");
    decide("pkg:npm/postmark-mcp", "1.0.16", "approved");
    rows = byHost(servers("capability=email-send"));
    assertThat(rows.get("alice-laptop/postmark").get("fleetDecision").get("version").asText())
        .isEqualTo("1.0.16");
    decide("class:email-send", null, "denied");
    rows = byHost(servers("capability=email-send"));
    assertThat(rows.get("alice-laptop/postmark").get("approvalState").asText()).isEqualTo("denied");
    assertThat(rows.get("alice-laptop/postmark").get("fleetDecision").get("subject").asText())
        .isEqualTo("class:email-send");

    // The device page names each server's classes, and says why when nobody could tell.
    JsonNode device = http.get("/api/v1/devices/" + bob.id(), ADMIN).json();
    Map<String, JsonNode> mine = new HashMap<>();
    device.get("servers").forEach(s -> mine.put(s.get("name").asText(), s));
    assertThat(mine.get("mail").get("capabilities").get(0).get("class").asText())
        .isEqualTo("email-send");
    assertThat(mine.get("mail").get("capabilitiesWhy").isNull()).isTrue();
    assertThat(mine.get("notes").get("capabilities").isNull())
        .as("unknown is not harmless")
        .isTrue();
    assertThat(mine.get("notes").get("capabilitiesWhy").asText()).isNotBlank();
    JsonNode alices = http.get("/api/v1/devices/" + alice.id(), ADMIN).json().get("servers");
    List<String> classes = new ArrayList<>();
    alices.forEach(
        s ->
            s.get("capabilities")
                .forEach(c -> classes.add(s.get("name").asText() + ":" + c.get("class").asText())));
    assertThat(classes)
        .containsExactlyInAnyOrder(
            "postmark:email-send", "postmark:http-fetch", "files:filesystem-write");

    // The next snapshot replaces what the last one said.
    snapshot(
        alice,
        List.of(
            withClasses(
                Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.17"),
                cap("http-fetch", "index.js", 12, "fetch(url)"))),
        List.of(),
        List.of(),
        null);
    assertThat(byHost(servers("capability=email-send"))).containsOnlyKeys("bob-desktop/mail");
    assertThat(byHost(servers("capability=filesystem-write"))).isEmpty();
  }

  @Test
  void pagesFollowTheCursorWithoutRepeatsOrGaps() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Node n = enroll("host-" + i, "user" + i);
      List<McpServer> list = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        list.add(
            withClasses(
                Fixtures.server("cursor", "mail" + k, "mailer-" + k, "1.0.0"),
                cap("email-send", "index.js", k + 1, "nodemailer")));
        expected.add("host-" + i + "/mail" + k);
      }
      snapshot(n, list, List.of(), List.of(), null);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          servers("capability=email-send&limit=4" + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("servers")
          .forEach(s -> seen.add(s.get("hostname").asText() + "/" + s.get("serverName").asText()));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(4);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    assertThat(
            http.get("/api/v1/fleet/servers?capability=email-send&cursor=bm90LWEtY3Vyc29y", ADMIN)
                .status())
        .isEqualTo(400);
  }

  @Test
  void aServerADeltaAddsGetsItsOwnOrItsStoredPackagesClassesAndLosesThemWhenRemoved() {
    Node n = enroll("delta-box", "dora");
    snapshot(
        n,
        List.of(),
        List.of(pkg("postmark-mcp", "1.0.15", cap("email-send", "index.js", 120, "sendEmail"))),
        List.of(),
        null);
    McpServer older = Fixtures.server("cursor", "mail", "postmark-mcp", "1.0.15");
    McpServer newer =
        withClasses(
            Fixtures.server("cursor", "pay", "stripe-mcp", "3.0.0"),
            cap("payments", "index.js", 9, "stripe.charges.create"));
    delta(n, List.of(Fixtures.serverAdded(older), Fixtures.serverAdded(newer)));
    assertThat(byHost(servers("capability=email-send"))).containsOnlyKeys("delta-box/mail");
    assertThat(byHost(servers("capability=payments"))).containsOnlyKeys("delta-box/pay");
    delta(
        n,
        List.of(
            new ChangeEvent(
                UUID.randomUUID().toString(),
                ChangeType.SERVER_REMOVED,
                Instant.now(),
                null,
                older.id(),
                null,
                null,
                "removed mail",
                null,
                null)));
    assertThat(byHost(servers("capability=email-send"))).isEmpty();
    assertThat(byHost(servers("capability=payments"))).containsOnlyKeys("delta-box/pay");
  }

  void delta(Node n, List<ChangeEvent> events) {
    Http.Answer a = http.postGzip("/api/v1/reports", n.key(), Fixtures.delta(n.id(), events));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  @Test
  void unknownClassIdsAreRefusedAndChangeNothing() {
    Node n = enroll("quiet-box", "quinn");
    assertThat(http.get("/api/v1/fleet/servers?capability=emails", ADMIN).status()).isEqualTo(400);
    assertThat(http.get("/api/v1/fleet/servers?capability=", ADMIN).status()).isEqualTo(400);
    assertThat(http.get("/api/v1/fleet/servers?capability=EMAIL-SEND", ADMIN).status())
        .isEqualTo(400);
    Http.Answer before = http.get("/api/v1/policy", n.key());
    String etag = before.raw().headers().firstValue("ETag").orElseThrow();
    for (Map<String, Object> bad :
        List.of(
            Map.<String, Object>of(
                "subject", "class:email", "decision", "approved", "by", "x", "reason", "y"),
            Map.<String, Object>of(
                "subject", "class:", "decision", "approved", "by", "x", "reason", "y"),
            Map.<String, Object>of(
                "subject",
                "class:email-send",
                "version",
                "1.0.0",
                "decision",
                "approved",
                "by",
                "x",
                "reason",
                "y"))) {
      Http.Answer a = http.post("/api/v1/admin/policy", ADMIN, bad);
      assertThat(a.status()).as(a.body()).isEqualTo(400);
    }
    for (Map<String, Object> bad :
        List.of(
            Map.<String, Object>of(
                "classes", List.of("email-send", "bogus"), "by", "x", "reason", "y"),
            Map.<String, Object>of("classes", List.of("email-send"), "reason", "y"),
            Map.<String, Object>of("classes", List.of("email-send"), "by", "x"))) {
      Http.Answer a = http.put("/api/v1/admin/approval-classes", ADMIN, bad);
      assertThat(a.status()).as(a.body()).isEqualTo(400);
    }
    assertThat(
            http.put(
                    "/api/v1/admin/approval-classes",
                    null,
                    Map.of("classes", List.of("email-send"), "by", "x", "reason", "y"))
                .status())
        .isEqualTo(401);
    assertThat(
            http.put(
                    "/api/v1/admin/approval-classes",
                    n.key(),
                    Map.of("classes", List.of("email-send"), "by", "x", "reason", "y"))
                .status())
        .as("a node key is no admin")
        .isEqualTo(401);
    assertThat(http.get("/api/v1/fleet/servers?capability=email-send", n.key()).status())
        .isEqualTo(401);
    JsonNode policy = http.get("/api/v1/admin/policy", ADMIN).json();
    assertThat(policy.get("entries")).isEmpty();
    assertThat(policy.get("history")).isEmpty();
    JsonNode classes = http.get("/api/v1/admin/approval-classes", ADMIN).json();
    assertThat(classes.get("classes").isNull()).isTrue();
    assertThat(classes.get("history")).isEmpty();
    Http.Answer after = http.get("/api/v1/policy", n.key());
    assertThat(after.raw().headers().firstValue("ETag").orElseThrow()).isEqualTo(etag);
    assertThat(after.json().get("approvalClasses").isNull()).isTrue();
  }

  @Test
  void theFleetsApprovalClassesReachTheAgentsAndEveryChangeIsAudited() {
    Node n = enroll("agent-box", "ada");
    String etag =
        http.get("/api/v1/policy", n.key()).raw().headers().firstValue("ETag").orElseThrow();
    Http.Answer set =
        http.put(
            "/api/v1/admin/approval-classes",
            ADMIN,
            Map.of(
                "classes",
                List.of("payments", "email-send", "payments"),
                "by",
                "sec-team",
                "reason",
                "mail and money"));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().get("classes"))
        .extracting(JsonNode::asText)
        .containsExactly("email-send", "payments");
    assertThat(set.json().get("by").asText()).isEqualTo("sec-team");
    assertThat(set.json().get("known")).hasSize(10);
    Http.Answer policy = http.get("/api/v1/policy", n.key());
    assertThat(policy.raw().headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    assertThat(policy.json().get("approvalClasses"))
        .extracting(JsonNode::asText)
        .containsExactly("email-send", "payments");

    Map<String, Object> withdraw = new HashMap<>();
    withdraw.put("classes", null);
    withdraw.put("by", "sec-team");
    withdraw.put("reason", "back to each machine's list");
    assertThat(http.put("/api/v1/admin/approval-classes", ADMIN, withdraw).status()).isEqualTo(200);
    assertThat(http.get("/api/v1/policy", n.key()).json().get("approvalClasses").isNull()).isTrue();
    JsonNode history = http.get("/api/v1/admin/approval-classes", ADMIN).json().get("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("classes").isNull()).isTrue();
    assertThat(history.get(0).get("reason").asText()).isEqualTo("back to each machine's list");
    assertThat(history.get(1).get("classes")).hasSize(2);

    decide("class:shell-exec", null, "approved");
    JsonNode entries = http.get("/api/v1/policy", n.key()).json().get("entries");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).get("subject").asText()).isEqualTo("class:shell-exec");
    assertThat(entries.get(0).get("version").isNull()).isTrue();
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
