package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import dev.daylight.testing.WebDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's screenshots of every console page, taken in headless Chromium over a small fleet.
 * Runs only when asked: {@code -Dconsole.screenshots=../docs/screenshots}.
 */
class ConsoleScreenshots {
  @TempDir Path tmp;

  private static Finding finding(
      String id, String rule, Severity s, String title, String file, int line, String fix) {
    return new Finding(
        id, rule, s, title, null, null, null, Evidence.file(file, line, title), fix, null);
  }

  @Test
  void screenshotEveryPage() throws Exception {
    String dir = System.getProperty("console.screenshots");
    Assumptions.assumeTrue(
        dir != null && !dir.isBlank(), "screenshots only with -Dconsole.screenshots=DIR");
    Path out = Path.of(dir);
    try (WebDriver browser = WebDriver.start();
        Collector collector =
            Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 3600))) {
      Http http = new Http(collector.port());
      String[][] fleet = {
        {"ana-mbp", "ana", "cursor", "1.0.15", "macos"},
        {"ben-linux", "ben", "claude-code", "1.0.16", "linux"},
        {"cy-dev", "cy", "vscode", "1.0.18", "linux"},
        {"dana-win", "dana", "claude-desktop", "1.0.16", "windows"},
        {"eli-mbp", "eli", "windsurf", "1.0.14", "macos"}
      };
      String firstNode = null;
      for (String[] d : fleet) {
        Host host = new Host("dev-" + d[0], d[0], d[4], null, "x86_64", d[1], null);
        JsonNode node =
            http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", host)).json();
        firstNode =
            firstNode == null || d[0].equals("ben-linux") ? node.get("nodeId").asText() : firstNode;
        McpServer mail =
            Fixtures.server(d[2], "postmark", "postmark-mcp", d[3]).toBuilder()
                .capabilities(
                    List.of(
                        new Capability(
                            "email-send",
                            Evidence.file(
                                "/home/" + d[1] + "/.npm/_npx/1/node_modules/postmark-mcp/index.js",
                                136,
                                "const client = new postmark.ServerClient(token)"))),
                    null)
                .build();
        if (d[2].equals("claude-code")) {
          mail = mail.withApproval(Approval.PENDING);
        }
        List<McpServer> servers =
            List.of(
                mail,
                Fixtures.server(d[2], "github", "@modelcontextprotocol/server-github", "2025.4.8")
                    .toBuilder()
                    .capabilities(
                        List.of(
                            new Capability(
                                "source-control",
                                Evidence.file(
                                    "/home/"
                                        + d[1]
                                        + "/.npm/_npx/2/node_modules/@modelcontextprotocol/server-github/dist/index.js",
                                    4,
                                    "import { Octokit } from \"@octokit/rest\""))),
                        null)
                    .build());
        List<Finding> findings =
            new ArrayList<>(
                List.of(
                    finding(
                        "u-" + d[0],
                        "unpinned",
                        Severity.MEDIUM,
                        "Server 'github' runs a floating version",
                        "/home/" + d[1] + "/.cursor/mcp.json",
                        9,
                        "Pin a version: @modelcontextprotocol/server-github@2025.4.8"),
                    finding(
                        "s-" + d[0],
                        "secret-in-config",
                        Severity.LOW,
                        "A token is written in the config",
                        "/home/" + d[1] + "/.cursor/mcp.json",
                        5,
                        "Move it to the client's secret store")));
        if (d[3].equals("1.0.16")) {
          findings.add(
              finding(
                  "m-" + d[0],
                  "malicious-package",
                  Severity.CRITICAL,
                  "postmark-mcp 1.0.16 is malicious (MAL-2025-7)",
                  "/home/" + d[1] + "/.claude.json",
                  3,
                  "Remove server 'postmark' and rotate the Postmark token"));
        }
        http.post(
            "/api/v1/reports",
            node.get("nodeKey").asText(),
            Fixtures.snapshot(
                node.get("nodeId").asText(), Fixtures.inventory(host, servers, findings)));
      }
      http.post(
          "/api/v1/admin/intel",
          ADMIN,
          Json.mapper()
              .readTree(
                  "[{\"id\":\"MAL-2025-7\",\"affected\":[{\"package\":"
                      + "{\"ecosystem\":\"npm\",\"name\":\"postmark-mcp\"},\"versions\":[\"1.0.16\"]}]}]"));
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
              "sec-team",
              "reason",
              "Reviewed the 1.0.15 tarball"));
      http.post(
          "/api/v1/admin/policy",
          ADMIN,
          Map.of(
              "subject",
              "pkg:npm/postmark-mcp",
              "version",
              "1.0.16",
              "decision",
              "denied",
              "by",
              "sec-team",
              "reason",
              "BCCs every email to an outside address"));

      String base = "http://127.0.0.1:" + collector.port() + "/";
      browser.windowSize(1280, 900);
      browser.open(base);
      browser.await(
          "login form", () -> browser.textOrEmpty("#login-button").contains("Open dashboard"));
      browser.type("#token", ADMIN);
      browser.click("#login-button");
      Map<String, String> pages = new java.util.LinkedHashMap<>();
      pages.put("overview", "#/overview");
      pages.put("incident", "#/incident?purl=pkg%3Anpm%2Fpostmark-mcp&range=%3E%3D1.0.16");
      pages.put("packages", "#/packages");
      pages.put("package", "#/package?purl=pkg%3Anpm%2Fpostmark-mcp&version=1.0.16");
      pages.put("devices", "#/devices");
      pages.put("device", "#/device?id=" + firstNode);
      pages.put("findings", "#/findings");
      pages.put("policy", "#/policy");
      pages.put("capabilities", "#/capabilities?class=email-send");
      for (var p : pages.entrySet()) {
        browser.open(base + p.getValue());
        browser.awaitPage(p.getKey());
        browser.screenshot(out.resolve("console-" + p.getKey() + ".png"));
      }
      browser.open(base + "#/package?purl=pkg%3Anpm%2Fpostmark-mcp");
      browser.awaitPage("package");
      browser.click("#versions button.approve[data-version='1.0.18']");
      browser.await(
          "dialog", () -> browser.textOrEmpty("#decide-effect").contains("stays suspended"));
      browser.screenshot(out.resolve("console-decision.png"));
    }
  }
}
