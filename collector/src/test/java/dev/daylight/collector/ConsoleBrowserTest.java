package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import dev.daylight.testing.WebDriver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in real headless Chromium, walked as a security lead answers an incident: search a
 * package with a range, see the devices, export them, approve one exact version through its
 * confirmation, fail to approve the malicious one without an override, and revoke the approval.
 */
class ConsoleBrowserTest {
  @TempDir Path tmp;

  private static String report(Http http, Host host, List<McpServer> servers) {
    JsonNode node =
        http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", host)).json();
    var inv =
        Fixtures.inventory(
            host,
            servers,
            List.of(
                Fixtures.finding(
                    "f-" + host.hostname(),
                    Severity.MEDIUM,
                    "unpinned server on " + host.hostname())));
    assertThat(
            http.post(
                    "/api/v1/reports",
                    node.get("nodeKey").asText(),
                    Fixtures.snapshot(node.get("nodeId").asText(), inv))
                .status())
        .isEqualTo(200);
    return node.get("nodeId").asText();
  }

  @Test
  void aSecurityLeadWalksTheIncidentAndEveryDecisionSaysItsScope() throws Exception {
    try (WebDriver browser = WebDriver.start();
        Collector collector =
            Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 3600))) {
      Http http = new Http(collector.port());
      report(
          http,
          Fixtures.host("ana-mbp", "ana"),
          List.of(Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.15")));
      report(
          http,
          Fixtures.host("ben-linux", "ben"),
          List.of(
              Fixtures.server("claude-code", "mail", "postmark-mcp", "1.0.16")
                  .withApproval(Approval.PENDING)));
      report(
          http,
          Fixtures.host("cy-dev", "cy"),
          List.of(Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.18")));
      http.post(
          "/api/v1/admin/intel",
          ADMIN,
          Json.mapper()
              .readTree(
                  "[{\"id\":\"MAL-2025-7\",\"affected\":[{\"package\":"
                      + "{\"ecosystem\":\"npm\",\"name\":\"postmark-mcp\"},\"versions\":[\"1.0.16\"]}]}]"));
      String base = "http://127.0.0.1:" + collector.port() + "/";
      browser.open(base);
      browser.await(
          "login form", () -> browser.textOrEmpty("#login-button").contains("Open dashboard"));
      browser.type("#token", ADMIN);
      browser.click("#login-button");
      browser.awaitPage("overview");
      assertThat(browser.text("#count-devices")).isEqualTo("Devices: 3");
      assertThat(browser.text("#count-medium")).isEqualTo("◆ Medium: 3");
      assertThat(
              browser
                  .script(
                      "return sessionStorage.length === 1 && localStorage.length === 0"
                          + " && document.cookie === ''")
                  .asBoolean())
          .as("the token only in this tab's session storage")
          .isTrue();

      browser.click("#nav a[data-page='incident']");
      browser.awaitPage("incident");
      browser.type("#incident-purl", "pkg:npm/postmark-mcp");
      browser.type("#incident-range", ">=1.0.16");
      browser.click("#incident-search");
      browser.await(
          "incident devices", () -> browser.textOrEmpty("#incident-devices").contains("cy-dev"));
      browser.awaitPage("incident");
      assertThat(browser.script("return location.hash").asText())
          .as("the search has an address")
          .isEqualTo("#/incident?purl=pkg%3Anpm%2Fpostmark-mcp&range=%3E%3D1.0.16");
      String shown = browser.text("#incident-devices");
      assertThat(shown)
          .contains("ben-linux")
          .contains("Claude Code")
          .contains("1.0.16")
          .contains("Waiting for the user to approve it in Claude Code")
          .doesNotContain("ana-mbp");
      String href = browser.attribute("#export-csv", "href");
      String csv = URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8);
      assertThat(csv.lines().toList()).hasSize(3);
      assertThat(csv.lines().findFirst().orElseThrow())
          .startsWith("\"Device\",\"Owner\",\"Client\",\"Server\",\"Version\"");
      assertThat(csv)
          .contains("\"ben-linux\",\"ben\",\"Claude Code\",\"mail\",\"1.0.16\"")
          .contains("\"cy-dev\",\"cy\",\"Cursor\",\"postmark\",\"1.0.18\"")
          .doesNotContain("ana-mbp");

      browser.open(base + "#/package?purl=pkg%3Anpm%2Fpostmark-mcp");
      browser.awaitPage("package");
      assertThat(browser.text("#versions")).contains("Malicious per intel (MAL-2025-7)");
      browser.click("#versions button.approve[data-version='1.0.15']");
      browser.await(
          "confirmation", () -> browser.textOrEmpty("#decide-effect").contains("stays suspended"));
      assertThat(browser.text("#decide-effect"))
          .isEqualTo(
              "Every device running postmark-mcp (npm) 1.0.15 will trust"
                  + " it; every other version stays suspended until reviewed.");
      assertThat(
              browser
                  .script(
                      "return document.getElementById('scope-version').checked"
                          + " && !document.getElementById('scope-all').checked")
                  .asBoolean())
          .as("exact version by default")
          .isTrue();
      assertThat(browser.text("#decide-confirm")).isEqualTo("Approve 1.0.15");
      browser.type("#decide-by", "sec-team");
      browser.type("#decide-reason", "reviewed the 1.0.15 tarball");
      browser.click("#decide-confirm");
      browser.awaitPage("package");
      browser.await(
          "decision shown",
          () -> browser.textOrEmpty("#versions").contains("Approved (this version) by sec-team"));
      JsonNode entries = http.get("/api/v1/admin/policy", ADMIN).json().get("entries");
      assertThat(entries).hasSize(1);
      assertThat(entries.get(0).get("version").asText()).isEqualTo("1.0.15");
      String agentKey =
          http.post(
                  "/api/v1/enroll",
                  null,
                  Map.of("enrollSecret", SECRET, "host", Fixtures.host("dee-box", "dee")))
              .json()
              .get("nodeKey")
              .asText();
      JsonNode forAgents = http.get("/api/v1/policy", agentKey).json().get("entries");
      assertThat(forAgents)
          .as("agents get the exact version only; 1.0.16 and 1.0.18 stay suspended")
          .hasSize(1);
      assertThat(forAgents.get(0).get("version").asText()).isEqualTo("1.0.15");

      browser.click("#versions button.approve[data-version='1.0.16']");
      browser.await(
          "malicious warning",
          () -> browser.textOrEmpty("#decide-malicious").contains("MAL-2025-7"));
      browser.type("#decide-reason", "looks fine");
      browser.click("#decide-confirm");
      browser.await(
          "refusal", () -> browser.textOrEmpty("#decide-error").contains("overrideMalicious"));
      browser.click("#decide-cancel");
      assertThat(http.get("/api/v1/admin/policy", ADMIN).json().get("entries")).hasSize(1);

      browser.click("#nav a[data-page='policy']");
      browser.awaitPage("policy");
      assertThat(browser.text("#policy"))
          .contains("version 1.0.15")
          .contains("sec-team")
          .contains("reviewed the 1.0.15 tarball");
      browser.click("#policy button.revoke");
      browser.await(
          "revoke confirmation", () -> browser.textOrEmpty("#decide-effect").contains("withdrawn"));
      browser.type("#decide-reason", "approved by mistake");
      browser.click("#decide-confirm");
      browser.awaitPage("policy");
      browser.await(
          "revoked", () -> browser.textOrEmpty("#policy").contains("No fleet decision yet"));
      assertThat(browser.text("#policy-history"))
          .contains("Revoked")
          .contains("approved by mistake")
          .contains("Approved")
          .contains("reviewed the 1.0.15 tarball");
      assertThat(http.get("/api/v1/admin/policy", ADMIN).json().get("entries")).isEmpty();

      browser.open(base + "#/findings");
      browser.awaitPage("findings");
      assertThat(browser.text("#findings")).contains("◆ Medium");
      browser.open(base + "#/devices?q=ben");
      browser.awaitPage("devices");
      assertThat(browser.text("#devices")).contains("ben-linux").doesNotContain("ana-mbp");
      browser.click("#devices a");
      browser.awaitPage("device");
      assertThat(browser.text("#device-servers"))
          .contains("Claude Code")
          .contains("Waiting for the user to approve it")
          .doesNotContain("disabled");
      browser.script("document.getElementById('owner-input').value = ''; return 0");
      browser.type("#owner-input", "dana@example.com");
      browser.click("#owner-save");
      browser.await(
          "owner assigned",
          () -> browser.textOrEmpty("#device-facts").contains("Owner: dana@example.com"));
      assertThat(browser.script("return location.hash").asText()).startsWith("#/device?id=");
    }
  }
}
