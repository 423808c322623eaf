package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard in real headless Chromium: token once, overview, search, deny, device page, no XSS. */
class DashboardBrowserTest {
  @TempDir Path tmp;

  @Test
  void anAdminFindsTheIncidentDeniesThePackageAndHostileNamesStayText() throws Exception {
    try (WebDriver browser = WebDriver.start();
        Collector collector = Collector.start(new Collector.Config("127.0.0.1", 0, "sqlite:" + tmp.resolve("c.db"),
            SECRET, ADMIN, null, null, 3600))) {
      Http http = new Http(collector.port());
      String evil = "<img src=x onerror=\"window.pwned=1\">";
      Host host = new Host("dev-evil", evil, "linux", "Debian 12", "x86_64", "mallory", null);
      JsonNode node = http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", host)).json();
      var blocked = Fixtures.server("claude-code", "mail", "postmark-mcp", "1.0.16")
          .withBlock("deniedMcpServers in <b>managed-settings.json</b>");
      var inv = Fixtures.inventory(host, List.of(Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16"), blocked),
          List.of(Fixtures.finding("f1", Severity.HIGH, "postmark-mcp 1.0.16 is malicious")));
      assertThat(http.post("/api/v1/reports", node.get("nodeKey").asText(),
          Fixtures.snapshot(node.get("nodeId").asText(), inv)).status()).isEqualTo(200);

      String url = "http://127.0.0.1:" + collector.port() + "/";
      browser.open(url);
      browser.await("login form", () -> browser.textOrEmpty("#login-button").contains("Open dashboard"));
      browser.type("#token", ADMIN);
      browser.click("#login-button");
      browser.await("overview", () -> browser.textOrEmpty("#count-devices").equals("Devices: 1"));
      assertThat(browser.text("#count-high")).isEqualTo("high: 1");
      browser.await("device row", () -> browser.textOrEmpty("#devices").contains(evil));
      assertThat(browser.script("return document.querySelectorAll('#devices img').length").asInt()).isZero();
      assertThat(browser.script("return window.pwned === undefined").asBoolean()).isTrue();

      browser.type("#search", "postmark");
      browser.await("package row", () -> browser.textOrEmpty("#packages").contains("pkg:npm/postmark-mcp"));
      browser.type("#by", "sec-team");
      browser.type("#reason", "BCC exfiltration in 1.0.16");
      browser.click("#packages button.deny[data-subject='pkg:npm/postmark-mcp']");
      browser.await("policy row", () -> browser.textOrEmpty("#policy").contains("denied"));
      JsonNode entry = http.get("/api/v1/admin/policy", ADMIN).json().get("entries").get(0);
      assertThat(entry.get("subject").asText()).isEqualTo("pkg:npm/postmark-mcp");
      assertThat(entry.get("by").asText()).isEqualTo("sec-team");

      browser.click("#devices a");
      browser.await("device page", () -> browser.textOrEmpty("#device-title").equals(evil));
      assertThat(browser.text("#device-servers")).contains("postmark-mcp").contains("1.0.16")
          .contains("blocked: deniedMcpServers in <b>managed-settings.json</b>");
      assertThat(browser.script("return document.querySelectorAll('#device-servers b').length").asInt()).isZero();
      browser.script("document.getElementById('owner-input').value = ''; return 0");
      browser.type("#owner-input", "dana@example.com");
      browser.click("#owner-save");
      browser.await("owner assigned", () -> browser.textOrEmpty("#device-facts").contains("Owner: dana@example.com"));
      assertThat(http.get("/api/v1/devices/" + node.get("nodeId").asText(), ADMIN).json().get("owner").asText())
          .isEqualTo("dana@example.com");

      browser.open(url);
      browser.await("still signed in after reload", () -> browser.textOrEmpty("#count-devices").equals("Devices: 1"));
    }
  }
}
