package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.cli.Main;
import dev.daylight.collector.Collector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent scans a home whose Claude Code runs postmark-mcp from the npx cache and reports to a
 * real collector: the fleet query for servers that can send email names that device's server, with
 * the line of the package's code that shows it, and the other server of the device is not listed.
 */
class FleetCapabilitiesTest {
  @TempDir Path home;
  @TempDir Path state;
  @TempDir Path server;

  @Test
  void theFleetQueryFindsTheServerWhoseCodeSendsEmail() throws Exception {
    Files.writeString(
        home.resolve(".claude.json"),
        "{\"mcpServers\": {"
            + "\"postmark\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp\"]},"
            + "\"notes\": {\"command\": \"npx\", \"args\": [\"-y\", \"plain-notes-mcp\"]}}}");
    pkg(
        "postmark-mcp",
        "1.0.15",
        "const postmark = require(\"postmark\");\n"
            + "const client = new postmark.ServerClient(process.env.POSTMARK_TOKEN);\n"
            + "export async function send(msg) { return client.sendEmail(msg); }\n");
    pkg(
        "plain-notes-mcp",
        "0.1.0",
        "const notes = [];\nexport function add(n) { notes.push(n); return notes.length; }\n");
    int port = Loopback.freePort();
    try (Collector collector = Loopback.collector(port, server.resolve("c.db"))) {
      assertThat(
              cli("enroll", "--collector", "http://127.0.0.1:" + port, "--secret", Loopback.SECRET))
          .isZero();
      assertThat(
              cli(
                  "scan",
                  "--home",
                  home.toString(),
                  "--os",
                  "linux",
                  "--no-host",
                  "--format",
                  "json",
                  "--report"))
          .isIn(0, 1);

      JsonNode rows =
          Loopback.admin(port, "/api/v1/fleet/servers?capability=email-send").get("servers");
      assertThat(rows).hasSize(1);
      JsonNode row = rows.get(0);
      assertThat(row.get("serverName").asText()).isEqualTo("postmark");
      assertThat(row.get("client").asText()).isEqualTo("claude-code");
      assertThat(row.get("purl").asText()).isEqualTo("pkg:npm/postmark-mcp");
      assertThat(row.get("evidence").get("file").asText()).endsWith("index.js");
      assertThat(row.get("evidence").get("line").asInt()).isPositive();
      assertThat(Loopback.admin(port, "/api/v1/fleet/servers?capability=payments").get("servers"))
          .isEmpty();

      JsonNode device = Loopback.admin(port, "/api/v1/devices/" + row.get("nodeId").asText());
      JsonNode notes = null;
      for (JsonNode s : device.get("servers")) {
        notes = s.get("name").asText().equals("notes") ? s : notes;
      }
      assertThat(notes).as("the device's other server").isNotNull();
      assertThat(notes.get("capabilities").isArray())
          .as("read, and nothing sensitive found: %s", notes)
          .isTrue();
      assertThat(notes.get("capabilities"))
          .noneMatch(c -> c.get("class").asText().equals("email-send"));
    }
  }

  private void pkg(String name, String version, String code) throws Exception {
    Path dir =
        home.resolve(
            ".npm/_npx/" + Integer.toHexString(name.hashCode()) + "a1b2c3d4/node_modules/" + name);
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("package.json"),
        "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"main\": \"index.js\"}");
    Files.writeString(dir.resolve("index.js"), code);
  }

  private int cli(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--state-dir";
    all[args.length + 1] = state.toString();
    return Main.run(all);
  }
}
