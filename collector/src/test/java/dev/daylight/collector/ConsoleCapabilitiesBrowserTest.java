package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Release;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.UsageDay;
import dev.daylight.testing.WebDriver;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in real headless Chromium, walked for issues 14, 13 and 15: servers filtered by what
 * they can do (classes in words, evidence, approval state, usage), a class approval through its
 * confirmation, a device's classes, calls and idle servers, a release finding saying what the new
 * version changed, and the incident's calls since the version changed. Evidence and names carry
 * markup that must stay text.
 */
class ConsoleCapabilitiesBrowserTest {
  private static final String TAG = "<img src=x onerror=\"window.pwned=1\">";

  @TempDir Path tmp;

  private static String report(
      Http http,
      Host host,
      List<McpServer> servers,
      List<InstalledPackage> pkgs,
      List<Finding> findings,
      List<UsageDay> usage) {
    JsonNode node =
        http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", host)).json();
    Inventory inv =
        new Inventory(
            SchemaVersion.CURRENT,
            UUID.randomUUID().toString(),
            Instant.now(),
            Instant.now(),
            host,
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
            node.get("nodeId").asText(),
            Instant.now(),
            ReportKind.SNAPSHOT,
            inv,
            List.of(),
            usage);
    assertThat(http.post("/api/v1/reports", node.get("nodeKey").asText(), r).status())
        .isEqualTo(200);
    return node.get("nodeId").asText();
  }

  private static Capability cap(String cls, String file, int line, String text) {
    return new Capability(cls, Evidence.file(file, line, text));
  }

  @Test
  void aSecurityLeadFindsEveryServerThatCanSendEmailApprovesTheClassAndSeesUsage()
      throws Exception {
    try (WebDriver browser = WebDriver.start();
        Collector collector =
            Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 3600))) {
      this.browser = browser;
      Http http = new Http(collector.port());
      String today = LocalDate.now(ZoneOffset.UTC).toString();
      McpServer postmark =
          Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16").toBuilder()
              .capabilities(
                  List.of(
                      cap(
                          "email-send",
                          "/home/ana/.npm/_npx/1/node_modules/postmark-mcp/index.js",
                          136,
                          "bcc: " + TAG)),
                  null)
              .build();
      McpServer idle =
          Fixtures.server("cursor", "scratch", "scratch-files", "0.3.0").toBuilder()
              .capabilities(
                  List.of(cap("filesystem-write", "lib/write.js", 7, "fs.writeFile(")), null)
              .build();
      McpServer unknown =
          Fixtures.server("cursor", "mystery" + TAG, "mystery-mcp", "1.0.0").toBuilder()
              .capabilities(null, "container image: code not read")
              .build();
      Finding release =
          new Finding(
              "rel-1",
              "release-new-destination",
              Severity.CRITICAL,
              "postmark-mcp 1.0.16 adds a mail recipient",
              postmark.id(),
              "pkg:npm/postmark-mcp@1.0.16",
              null,
              Evidence.file(
                  "/home/ana/.npm/_npx/1/node_modules/postmark-mcp/index.js",
                  136,
                  "Bcc: 'phan@giftshop.example'"),
              "review before approving",
              new Release(
                  "pkg:npm/postmark-mcp",
                  "1.0.15",
                  "1.0.16",
                  "destination",
                  "mail-recipient",
                  "phan@giftshop.example",
                  "index.js",
                  136));
      Finding unapproved =
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
              null);
      String ana =
          report(
              http,
              Fixtures.host("ana-mbp", "ana"),
              List.of(postmark, idle, unknown),
              List.of(),
              List.of(release, unapproved),
              List.of(
                  new UsageDay(
                      today,
                      "cursor",
                      "postmark",
                      "send_email",
                      5,
                      0,
                      Instant.now().minusSeconds(120))));
      // An older agent: classes per package only.
      report(
          http,
          Fixtures.host("ben-linux", "ben"),
          List.of(Fixtures.server("claude-code", "mail", "postmark-mcp", "1.0.15")),
          List.of(
              new InstalledPackage(
                  "pkg:npm/postmark-mcp@1.0.15",
                  "npm",
                  "postmark-mcp",
                  "1.0.15",
                  "npx-cache",
                  "/home/ben/.npm/_npx/2/node_modules/postmark-mcp",
                  "ab",
                  List.of(cap("email-send", "index.js", 120, "client.sendEmail(")),
                  null)),
          List.of(),
          null);

      String base = "http://127.0.0.1:" + collector.port() + "/";
      browser.open(base);
      browser.await(
          "login form", () -> browser.textOrEmpty("#login-button").contains("Open dashboard"));
      browser.type("#token", ADMIN);
      browser.click("#login-button");
      browser.awaitPage("overview");

      browser.click("#nav a[data-page='capabilities']");
      browser.awaitPage("capabilities");
      assertThat(browser.text("#class-filter"))
          .contains("✉ Can send email")
          .contains("⌘ Can run commands");
      assertThat(browser.text("#approval-classes")).contains("Each machine decides");
      assertThat(
              browser
                  .script(
                      "return [...document.querySelectorAll('#approval-classes-form input:checked')]"
                          + ".map(b => b.value).join(',')")
                  .asText())
          .as("the agents' built-in list, to start from")
          .isEqualTo("email-send,messaging,shell-exec,cloud-admin,payments");
      browser.script(
          "document.querySelectorAll('#approval-classes-form input[type=checkbox]').forEach(b =>"
              + " b.checked = b.value === 'email-send' || b.value === 'payments'); return 0");
      browser.click("#approval-classes-save");
      browser.await(
          "refused without a reason",
          () -> browser.textOrEmpty("#approval-classes-error").contains("reason"));
      browser.type("#approval-classes-by", "sec-team");
      browser.type("#approval-classes-reason", "mail and money leave with approval only");
      browser.click("#approval-classes-save");
      browser.await(
          "approval classes set",
          () ->
              browser
                  .textOrEmpty("#approval-classes")
                  .contains(
                      "Agents require an approval for: ✉ Can send email, 💳 Can move money (set by sec-team"));
      String firstAgent =
          http.post(
                  "/api/v1/enroll",
                  null,
                  Map.of("enrollSecret", SECRET, "host", Fixtures.host("eve-box", "eve")))
              .json()
              .get("nodeKey")
              .asText();
      assertThat(http.get("/api/v1/policy", firstAgent).json().get("approvalClasses"))
          .extracting(JsonNode::asText)
          .containsExactly("email-send", "payments");
      browser.script("document.getElementById('class-filter').value = 'email-send'; return 0");
      browser.click("#class-search");
      browser.await(
          "servers of the class",
          () -> browser.textOrEmpty("#class-servers").contains("ben-linux"));
      browser.awaitPage("capabilities");
      assertThat(browser.script("return location.hash").asText())
          .isEqualTo("#/capabilities?class=email-send");
      String shown = browser.text("#class-servers");
      assertThat(shown)
          .contains("ana-mbp")
          .contains("postmark-mcp@1.0.16")
          .contains("index.js:136")
          .contains("bcc: " + TAG)
          .contains("Needs approval")
          .contains("ben-linux")
          .contains("postmark-mcp@1.0.15")
          .contains("No fleet decision")
          .contains("Claude Code")
          .doesNotContain("scratch");
      assertThat(cell("class-servers", "ana-mbp", 7))
          .as("ana's postmark, called 5 times in 30 days")
          .isEqualTo("5");
      assertThat(cell("class-servers", "ben-linux", 8)).isEqualTo("never recorded");
      assertInert();

      browser.click("#approve-class");
      browser.await(
          "confirmation",
          () -> browser.textOrEmpty("#decide-effect").contains("every server that can send email"));
      assertThat(browser.text("#decide-confirm"))
          .isEqualTo("Approve every server that can send email");
      assertThat(browser.script("return document.getElementById('decide-by').value").asText())
          .as("the name given before")
          .isEqualTo("sec-team");
      browser.type("#decide-reason", "mail servers reviewed by the owners");
      browser.click("#decide-confirm");
      browser.awaitPage("capabilities");
      browser.await(
          "approved",
          () ->
              browser
                  .textOrEmpty("#class-servers")
                  .contains("Approved by the fleet (every server of this class) by sec-team"));
      String agentKey =
          http.post(
                  "/api/v1/enroll",
                  null,
                  Map.of("enrollSecret", SECRET, "host", Fixtures.host("dee-box", "dee")))
              .json()
              .get("nodeKey")
              .asText();
      JsonNode entries = http.get("/api/v1/policy", agentKey).json().get("entries");
      assertThat(entries).hasSize(1);
      assertThat(entries.get(0).get("subject").asText()).isEqualTo("class:email-send");

      browser.click("#nav a[data-page='policy']");
      browser.awaitPage("policy");
      assertThat(browser.text("#policy"))
          .contains("Servers that can send email")
          .contains("that class");

      browser.open(base + "#/device?id=" + ana);
      browser.awaitPage("device");
      String servers = browser.text("#device-servers");
      assertThat(servers)
          .contains("✉ Can send email")
          .contains("✎ Can write files")
          .contains("0 · unused: cheap to remove")
          .contains("Unknown: container image: code not read")
          .contains("mystery" + TAG);
      assertThat(cell("device-servers", "postmark", 8)).isEqualTo("5");
      assertInert();
      assertThat(browser.text("#device-findings"))
          .contains("What changed in 1.0.16 (compared with 1.0.15)")
          .contains("phan@giftshop.example")
          .contains("index.js:136")
          .contains("Bcc: 'phan@giftshop.example'");

      browser.open(base + "#/incident?purl=pkg%3Anpm%2Fpostmark-mcp&range=%3E%3D1.0.16");
      browser.awaitPage("incident");
      browser.await(
          "incident rows", () -> browser.textOrEmpty("#incident-devices").contains("ana-mbp"));
      assertThat(browser.text("#incident-devices thead"))
          .contains("Calls since the version changed")
          .contains("Last call");
      assertThat(cell("incident-devices", "ana-mbp", 9)).isEqualTo("5");
      assertThat(cell("incident-devices", "ana-mbp", 10))
          .isNotEqualTo("never recorded")
          .isNotEmpty();
      assertInert();
    }
  }

  private WebDriver browser;

  /** The text of one cell of the row of {@code table} that mentions {@code rowText}. */
  private String cell(String table, String rowText, int column) throws Exception {
    return browser
        .script(
            "return [...document.querySelectorAll('#"
                + table
                + " tbody tr')]"
                + ".find(r => r.textContent.includes('"
                + rowText
                + "')).cells["
                + column
                + "].textContent")
        .asText();
  }

  private void assertInert() throws Exception {
    assertThat(
            browser
                .script("return document.querySelectorAll('#view img, #view script').length")
                .asInt())
        .as("markup in names and evidence stays text")
        .isZero();
    assertThat(browser.script("return window.pwned === undefined").asBoolean()).isTrue();
  }
}
