package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import dev.daylight.testing.WebDriver;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything an agent reports is attacker-controlled: host, server and package names, paths,
 * finding texts. Every page of the console shows them as text in real headless Chromium, and the
 * CSV export defuses spreadsheet formulas.
 */
class ConsoleHostileNamesTest {
  private static final String TAG = "<img src=x onerror=\"window.pwned=1\">";
  private static final String BOLD = "<b>bold</b><script>window.pwned=2</script>";
  @TempDir Path tmp;

  @Test
  void hostileNamesPathsAndTextsStayTextOnEveryPage() throws Exception {
    try (WebDriver browser = WebDriver.start();
        Collector collector =
            Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 3600))) {
      Http http = new Http(collector.port());
      Host host = new Host("dev-evil", TAG, "linux", BOLD, "x86_64", "mallory", null);
      JsonNode node =
          http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", host)).json();
      String evilPkg = "%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D3%3E";
      McpServer s = Fixtures.server("cursor", TAG, evilPkg, "1.0.0").withBlock(BOLD);
      s = s.toBuilder().configPath("/home/m/" + TAG + "/mcp.json").build();
      Finding f =
          new Finding(
              "f1",
              "rule-" + TAG,
              Severity.CRITICAL,
              TAG,
              s.id(),
              null,
              null,
              dev.daylight.protocol.Evidence.file("/etc/" + TAG, 7, BOLD),
              BOLD,
              null);
      var inv = Fixtures.inventory(host, List.of(s), List.of(f));
      assertThat(
              http.post(
                      "/api/v1/reports",
                      node.get("nodeKey").asText(),
                      Fixtures.snapshot(node.get("nodeId").asText(), inv))
                  .status())
          .isEqualTo(200);
      Host formula =
          new Host("dev-f", "=HYPERLINK(\"http://x\")", "linux", null, null, "eve", null);
      JsonNode fnode =
          http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", formula)).json();
      http.post(
          "/api/v1/reports",
          fnode.get("nodeKey").asText(),
          Fixtures.snapshot(
              fnode.get("nodeId").asText(),
              Fixtures.inventory(
                  formula, List.of(Fixtures.server("cursor", "x", evilPkg, "1.0.0")), List.of())));
      String purl =
          http.get("/api/v1/fleet/packages?view=versions", ADMIN)
              .json()
              .get("packages")
              .get(0)
              .get("purl")
              .asText();
      assertThat(
              http.post(
                      "/api/v1/admin/policy",
                      ADMIN,
                      Map.of(
                          "subject",
                          purl,
                          "version",
                          "1.0.0",
                          "decision",
                          "denied",
                          "by",
                          TAG,
                          "reason",
                          BOLD))
                  .status())
          .isEqualTo(200);

      String base = "http://127.0.0.1:" + collector.port() + "/";
      browser.open(base);
      browser.await(
          "login form", () -> browser.textOrEmpty("#login-button").contains("Open dashboard"));
      browser.type("#token", ADMIN);
      browser.click("#login-button");
      browser.awaitPage("overview");
      String enc = URLEncoder.encode(purl, StandardCharsets.UTF_8);
      Map<String, String> pages =
          Map.of(
              "devices", "#/devices",
              "device", "#/device?id=" + node.get("nodeId").asText(),
              "findings", "#/findings",
              "packages", "#/packages",
              "package", "#/package?purl=" + enc + "&version=1.0.0",
              "incident", "#/incident?purl=" + enc,
              "policy", "#/policy");
      for (var page : pages.entrySet()) {
        browser.open(base + page.getValue());
        browser.awaitPage(page.getKey());
        String text = browser.text("#view");
        assertThat(text).as(page.getKey()).contains("<img src=x onerror=");
        assertThat(
                browser
                    .script(
                        "return document.querySelectorAll('#view img, #view b, #view script').length")
                    .asInt())
            .as(page.getKey() + ": nothing parsed as HTML")
            .isZero();
        assertThat(browser.script("return window.pwned === undefined").asBoolean())
            .as(page.getKey())
            .isTrue();
      }
      browser.open(base + "#/device?id=" + node.get("nodeId").asText());
      browser.awaitPage("device");
      assertThat(browser.text("#device-servers"))
          .contains("/home/m/" + TAG + "/mcp.json")
          .contains("Blocked by managed policy: " + BOLD);
      assertThat(browser.text("#device-findings"))
          .contains("/etc/" + TAG + ":7")
          .contains("‼ Critical");

      browser.open(base + "#/incident?purl=" + enc);
      browser.awaitPage("incident");
      String href = browser.attribute("#export-csv", "href");
      String csv = URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8);
      assertThat(csv)
          .contains("\"'=HYPERLINK(\"\"http://x\"\")\"")
          .contains("\"" + TAG.replace("\"", "\"\"") + "\"");
    }
  }
}
