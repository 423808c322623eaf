package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.cli.Main;
import dev.daylight.collector.Collector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI against a real collector on loopback: enroll, scan a fake home with --report, find
 * the device with the incident query, deny the package fleet-wide, and see the agent raise it.
 */
class AgentToCollectorTest {
  @TempDir Path home;
  @TempDir Path state;
  @TempDir Path server;

  private int scanAndReport() {
    return Main.run(
        "scan",
        "--home",
        home.toString(),
        "--os",
        "linux",
        "--no-host",
        "--format",
        "json",
        "--state-dir",
        state.toString(),
        "--report");
  }

  @Test
  void enrollScanReportQueryDenyAndTheAgentRaisesTheDenial() throws Exception {
    Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(
        home.resolve(".cursor/mcp.json"),
        """
        {"mcpServers": {"postmark": {"command": "npx", "args": ["-y", "postmark-mcp@1.0.16"],
          "env": {"POSTMARK_SERVER_TOKEN": "canary-token-7f3a9c"}}}}
        """);
    int port = Loopback.freePort();
    try (Collector collector = Loopback.collector(port, server.resolve("c.db"))) {
      assertThat(
              Main.run(
                  "enroll",
                  "--collector",
                  "http://127.0.0.1:" + port,
                  "--secret",
                  Loopback.SECRET,
                  "--state-dir",
                  state.toString()))
          .isZero();
      assertThat(
              Main.run(
                  "enroll",
                  "--collector",
                  "http://198.51.100.7:" + port,
                  "--secret",
                  Loopback.SECRET,
                  "--state-dir",
                  state.resolve("other").toString()))
          .as("plain http off loopback")
          .isEqualTo(2);

      assertThat(scanAndReport()).isIn(0, 1);
      JsonNode hits =
          Loopback.admin(
                  port, "/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp&range=%3E%3D1.0.16")
              .get("devices");
      assertThat(hits).hasSize(1);
      assertThat(hits.get(0).get("client").asText()).isEqualTo("cursor");
      assertThat(hits.get(0).get("serverName").asText()).isEqualTo("postmark");
      assertThat(hits.get(0).get("version").asText()).isEqualTo("1.0.16");
      assertThat(hits.get(0).get("configPath").asText()).endsWith(".cursor/mcp.json");

      Loopback.adminPost(
          port,
          "/api/v1/admin/policy",
          Map.of(
              "subject",
              "pkg:npm/postmark-mcp",
              "allVersions",
              true,
              "decision",
              "denied",
              "by",
              "sec-team",
              "reason",
              "BCC exfiltration since 1.0.16"));
      Loopback.adminPost(
          port,
          "/api/v1/admin/intel",
          dev.daylight.protocol.Json.mapper()
              .readTree(
                  """
          [{"id": "MAL-2099-0001", "modified": "2099-01-01T00:00:00Z", "summary": "e2e fleet intel",
            "affected": [{"package": {"ecosystem": "npm", "name": "postmark-mcp"}, "versions": ["1.0.16"]}]}]
          """));
      assertThat(scanAndReport()).as("pulls the policy").isIn(0, 1);
      assertThat(scanAndReport()).as("judges with it and reports").isIn(0, 1);
      JsonNode denied = Loopback.admin(port, "/api/v1/findings?rule=denied").get("findings");
      assertThat(denied).hasSize(1);
      assertThat(denied.get(0).get("purl").asText()).contains("postmark-mcp");
      JsonNode fromIntel = Loopback.admin(port, "/api/v1/findings?limit=100").get("findings");
      assertThat(fromIntel.toString())
          .as("intel pulled with the policy is used by the next scan")
          .contains("MAL-2099-0001");
    }
    byte[] db = Files.readAllBytes(server.resolve("c.db"));
    assertThat(new String(db, StandardCharsets.ISO_8859_1)).doesNotContain("canary-token-7f3a9c");
    assertThat(Files.readString(state.resolve("collector.json"))).contains("nodeKey");
  }
}
