package dev.daylight.agent.approval;

import static dev.daylight.agent.approval.ApprovalHome.classes;
import static dev.daylight.agent.approval.ApprovalHome.findings;
import static dev.daylight.agent.approval.ApprovalHome.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers' capabilities and the approvals they need, through the real scan, store and review
 * commands of a fake home.
 */
class ApprovalScanTest {
  static final String MAILER =
      """
      const postmark = require("postmark");
      const client = new postmark.ServerClient(process.env.POSTMARK_SERVER_TOKEN);
      module.exports = { send: (a) => client.sendEmail({From: a.from, To: a.to, Subject: a.subject}) };
      """;
  static final String PLAIN =
      """
      const fs = require("fs");
      module.exports = { read: (p) => fs.readFileSync(p, "utf8") };
      """;

  @TempDir Path home;
  @TempDir Path state;
  ApprovalHome h;

  @BeforeEach
  void home() {
    h = new ApprovalHome(home, state);
  }

  @Test
  void remoteServersAreClassifiedByTheirHostAndAnUnknownHostIsNullWithWhy() throws Exception {
    h.write(
        ".cursor/mcp.json",
        """
        {"mcpServers": {
          "stripe": {"url": "https://mcp.stripe.com"},
          "github": {"url": "https://api.githubcopilot.com/mcp/"},
          "sentry": {"url": "https://mcp.sentry.dev/mcp"},
          "intranet": {"url": "https://mcp.intranet.example/mcp"}}}
        """);

    JsonNode inv = h.scan();

    JsonNode stripe = server(inv, "stripe");
    assertThat(classes(stripe)).containsExactly("payments");
    assertThat(stripe.path("capabilities").get(0).path("evidence").path("kind").asText())
        .isEqualTo("host");
    assertThat(stripe.path("capabilities").get(0).path("evidence").path("text").asText())
        .contains("mcp.stripe.com");
    assertThat(classes(server(inv, "github"))).containsExactly("source-control");
    assertThat(server(inv, "sentry").path("capabilities").isArray()).isTrue();
    assertThat(server(inv, "sentry").path("capabilities")).isEmpty();
    JsonNode unknown = server(inv, "intranet");
    assertThat(unknown.path("capabilities").isNull()).as("unknown, never an empty list").isTrue();
    assertThat(unknown.path("capabilitiesWhy").asText())
        .contains("mcp.intranet.example", "not in Daylight's list");

    // payments needs an approval by default; source-control does not.
    assertThat(findings(inv, "unapproved-capability"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("severity").asText()).isEqualTo("high");
              assertThat(f.path("serverId").asText()).isEqualTo(stripe.path("id").asText());
              assertThat(f.path("title").asText())
                  .contains("'stripe'", "can move money", "payments");
              assertThat(f.path("evidence").path("kind").asText()).isEqualTo("host");
              assertThat(f.path("remediation").asText())
                  .contains("daylight review approve server:stripe", "class:payments");
            });

    assertThat(
            h.run(
                "scan",
                "--home",
                home.toString(),
                "--os",
                "linux",
                "--no-host",
                "--format",
                "table"))
        .isZero();
    assertThat(h.out)
        .contains("CAN")
        .containsPattern("stripe .*money")
        .containsPattern("intranet .* \\? ")
        .containsPattern("github .*git");
  }

  @Test
  void localApprovalOfAServerOrAClassClosesTheFindingAtOnceAndForLaterScans() throws Exception {
    h.write(
        ".cursor/mcp.json",
        """
        {"mcpServers": {"stripe": {"url": "https://mcp.stripe.com"},
          "slack": {"url": "https://mcp.slack.com/mcp"}}}
        """);
    assertThat(findings(h.scan(), "unapproved-capability")).hasSize(2);

    assertThat(h.run("review", "approve", "server:stripe")).isZero();
    assertThat(h.out).contains("review-changed: server:stripe", "finding-resolved");
    assertThat(openRules()).containsExactly("unapproved-capability");
    assertThat(h.run("review", "approve", "class:messaging")).isZero();
    assertThat(openRules()).doesNotContain("unapproved-capability");

    assertThat(findings(h.scan(), "unapproved-capability")).isEmpty();
  }

  @Test
  void unknownClassesAndServersAreRefusedWithAClearErrorAndNothingRecorded() throws Exception {
    h.write(
        ".cursor/mcp.json",
        "{\"mcpServers\": {\"stripe\": {\"url\": \"https://mcp.stripe.com\"}}}");
    h.scan();

    assertThat(h.run("review", "approve", "class:send-mail")).isEqualTo(2);
    assertThat(h.err).contains("unknown capability class 'send-mail'", "email-send");
    assertThat(h.run("review", "approve", "server:strype")).isEqualTo(2);
    assertThat(h.err).contains("no server named 'strype'", "--force");
    assertThat(h.run("review", "deny", "class:payments")).isEqualTo(2);
    assertThat(h.err).contains("fleet");
    try (Store s = Store.open(state)) {
      assertThat(s.approvedSubjects()).isEmpty();
    }
    h.write("rules.properties", "approval.classes = payments, wire-transfer\n");
    assertThat(
            h.run(
                "scan",
                "--home",
                home.toString(),
                "--os",
                "linux",
                "--no-host",
                "--rules",
                home.resolve("rules.properties").toString()))
        .isNotZero();
    assertThat(h.err).contains("unknown capability class 'wire-transfer'");
  }

  @Test
  void theRulesFileChangesWhichClassesNeedApproval() throws Exception {
    h.write(
        ".cursor/mcp.json",
        """
        {"mcpServers": {"stripe": {"url": "https://mcp.stripe.com"},
          "github": {"url": "https://api.githubcopilot.com/mcp/"}}}
        """);
    h.write("rules.properties", "approval.classes = source-control\n");

    JsonNode inv = h.scan("--rules", home.resolve("rules.properties").toString());

    assertThat(findings(inv, "unapproved-capability"))
        .singleElement()
        .satisfies(
            f -> assertThat(f.path("title").asText()).contains("'github'", "source-control"));

    JsonNode off = h.scan("--disable-rule", "unapproved-capability");
    assertThat(findings(off, "unapproved-capability")).isEmpty();
    assertThat(classes(server(off, "stripe")))
        .as("the capabilities stay")
        .containsExactly("payments");
  }

  @Test
  void approvingAPackageVersionCoversItsClassesUntilTheVersionChanges() throws Exception {
    h.write(
        ".cursor/mcp.json",
        "{\"mcpServers\":{\"mailer\":{\"command\":\"npx\",\"args\":[\"-y\",\"acme-mailer-mcp\"]}}}");
    h.npx("aaaa", "acme-mailer-mcp", "2.0.0", MAILER);
    JsonNode first = h.scan();
    JsonNode mailer = server(first, "mailer");
    assertThat(classes(mailer)).containsExactly("email-send");
    assertThat(mailer.path("capabilities").get(0).path("evidence").path("kind").asText())
        .isEqualTo("file");
    assertThat(mailer.path("capabilities").get(0).path("evidence").path("file").asText())
        .endsWith("index.js");
    assertThat(findings(first, "unapproved-capability"))
        .singleElement()
        .satisfies(
            f -> assertThat(f.path("purl").asText()).isEqualTo("pkg:npm/acme-mailer-mcp@2.0.0"));

    assertThat(h.run("review", "approve", "pkg:npm/acme-mailer-mcp@2.0.0")).isZero();
    assertThat(openRules()).doesNotContain("unapproved-capability");
    assertThat(findings(h.scan(), "unapproved-capability")).isEmpty();

    h.npx("bbbb", "acme-mailer-mcp", "2.0.1", MAILER);
    JsonNode changed = h.scan();
    assertThat(findings(changed, "unapproved-capability"))
        .singleElement()
        .satisfies(
            f -> assertThat(f.path("purl").asText()).isEqualTo("pkg:npm/acme-mailer-mcp@2.0.1"));
    assertThat(findings(changed, "package-version-changed")).hasSize(1);
  }

  @Test
  void theKnownPackagesListIsTheLastResortNeverWhereCodeIsOnDisk() throws Exception {
    h.write(
        ".cursor/mcp.json",
        """
        {"mcpServers": {
          "slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack@2025.4.25"]},
          "postmark": {"command": "npx", "args": ["-y", "postmark-mcp"]},
          "tool": {"command": "node", "args": ["/opt/tools/server.js"]},
          "mystery": {"command": "npx", "args": ["-y", "mystery-mcp@1.2.3"]}}}
        """);
    // postmark-mcp is email-send on the known list, but this copy's code sends nothing.
    h.npx("cccc", "postmark-mcp", "1.0.15", PLAIN);

    JsonNode inv = h.scan();

    JsonNode slack = server(inv, "slack");
    assertThat(classes(slack)).containsExactly("messaging");
    assertThat(slack.path("capabilities").get(0).path("evidence").path("kind").asText())
        .isEqualTo("known-package");
    JsonNode postmark = server(inv, "postmark").path("capabilities");
    assertThat(postmark.isArray()).as("known, not unknown: the code on disk wins").isTrue();
    assertThat(postmark).as("the code on disk wins").isEmpty();
    assertThat(server(inv, "tool").path("capabilities").isNull()).isTrue();
    assertThat(server(inv, "tool").path("capabilitiesWhy").asText()).contains("local command");
    assertThat(server(inv, "mystery").path("capabilities").isNull()).isTrue();
    assertThat(server(inv, "mystery").path("capabilitiesWhy").asText())
        .contains("mystery-mcp@1.2.3", "not found");
  }

  @Test
  void toolsAClientRecordsBeingCalledClassifyAServerWhoseCodeIsNotRead() throws Exception {
    h.write(
        ".claude.json",
        "{\"mcpServers\": {\"helper\": {\"command\": \"node\", \"args\": [\"/opt/tools/helper.js\"]}}}");
    String at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    h.write(
        ".claude/projects/-home-ann-shop/s1.jsonl",
        """
        {"cwd":"/home/ann/shop","sessionId":"s1","type":"assistant","uuid":"a1","timestamp":"%s","message":{"role":"assistant","content":[{"type":"tool_use","id":"toolu_01","name":"mcp__helper__send_slack_message","input":{"text":"CANARY-9"}}]}}
        {"cwd":"/home/ann/shop","sessionId":"s1","type":"user","uuid":"u1","timestamp":"%s","message":{"role":"user","content":[{"tool_use_id":"toolu_01","type":"tool_result","content":"ok"}]}}
        """
            .formatted(at, at));

    JsonNode next = h.scan();
    JsonNode helper = server(next, "helper");
    assertThat(classes(helper)).containsExactly("messaging");
    JsonNode evidence = helper.path("capabilities").get(0).path("evidence");
    assertThat(evidence.path("kind").asText()).isEqualTo("tool-call");
    assertThat(evidence.path("text").asText())
        .contains("send_slack_message")
        .doesNotContain("CANARY");
    assertThat(findings(next, "unapproved-capability"))
        .singleElement()
        .satisfies(
            f -> assertThat(f.path("evidence").path("kind").asText()).isEqualTo("tool-call"));
    assertThat(helper.path("usage").path("calls").asLong())
        .as("counted once, not per ledger pass")
        .isEqualTo(1);
  }

  @Test
  void aServerWithNothingToReadAndNoRecordedCallIsNullWithWhy() throws Exception {
    h.write(
        ".claude.json",
        "{\"mcpServers\": {\"helper\": {\"command\": \"node\", \"args\": [\"/opt/tools/helper.js\"]}}}");
    JsonNode helper = server(h.scan(), "helper");
    assertThat(helper.path("capabilities").isNull()).isTrue();
    assertThat(helper.path("capabilitiesWhy").asText())
        .contains("local command", "/opt/tools/helper.js");
  }

  private java.util.List<String> openRules() {
    try (Store s = Store.open(state)) {
      return s.findings(true).stream()
          .map(f -> f.finding().rule())
          .filter(r -> !r.equals("new-server"))
          .toList();
    }
  }
}
