package dev.daylight.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.cli.Main;
import dev.daylight.collector.Collector;
import dev.daylight.protocol.Json;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet turns the guard to enforce; the agent's next policy pull makes its hook refuse the
 * suspended postmark-mcp in Claude Code, and the refused call shows up in the collector's
 * blocked-calls answer for that device.
 */
class GuardFleetTest {
  @TempDir Path home;
  @TempDir Path state;
  @TempDir Path server;

  @Test
  void fleetEnforceReachesTheHookAndTheRefusedCallReachesTheCollector() throws Exception {
    Files.writeString(
        home.resolve(".claude.json"),
        "{\"mcpServers\": {\"postmark\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp\"]}}}");
    Files.createDirectories(home.resolve(".claude"));
    int port = Loopback.freePort();
    try (Collector collector = Loopback.collector(port, server.resolve("c.db"))) {
      assertThat(
              cli("enroll", "--collector", "http://127.0.0.1:" + port, "--secret", Loopback.SECRET))
          .isZero();
      cache("1.0.14");
      scanAndReport();
      cache("1.0.15");
      scanAndReport();

      Loopback.adminPut(
          port,
          "/api/v1/admin/guard",
          Map.of("mode", "enforce", "installHooks", false, "by", "sec-team"));
      assertThat(Loopback.admin(port, "/api/v1/admin/guard").get("mode").asText())
          .isEqualTo("enforce");
      scanAndReport(); // pulls the policy; the decision file follows it
      assertThat(Files.readString(state.resolve("guard/decisions.tsv"))).contains("mode\tenforce");

      assertThat(cli("guard", "install", "--home", home.toString(), "--os", "linux")).isZero();
      String command =
          Json.mapper()
              .readTree(home.resolve(".claude/settings.json").toFile())
              .findValuesAsText("command")
              .get(0);
      Process p = new ProcessBuilder("sh", "-c", command).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(
            ("{\"session_id\": \"s\", \"cwd\": \"/home/ann/p\", \"hook_event_name\": \"PreToolUse\","
                    + " \"tool_name\": \"mcp__postmark__send_email\", \"tool_input\": {\"to\": \"x@example.com\"}}")
                .getBytes(UTF_8));
      }
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      JsonNode answer = Json.mapper().readTree(p.getInputStream().readAllBytes());
      assertThat(answer.path("hookSpecificOutput").path("permissionDecision").asText())
          .isEqualTo("deny");

      scanAndReport(); // the spool's refused call rides with this report
      JsonNode calls = Loopback.admin(port, "/api/v1/guard/calls");
      assertThat(calls.get("blocked").asLong()).isEqualTo(1);
      assertThat(calls.get("devices").get(0).get("blocked").asLong()).isEqualTo(1);
      assertThat(calls.get("calls").get(0).get("tool").asText()).isEqualTo("send_email");
      assertThat(calls.toString()).doesNotContain("x@example.com");
      scanAndReport();
      assertThat(Loopback.admin(port, "/api/v1/guard/calls").get("blocked").asLong())
          .as("sent once")
          .isEqualTo(1);
    }
  }

  private void scanAndReport() {
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
  }

  private int cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--state-dir";
    all[args.length + 1] = state.toString();
    return Main.run(all);
  }

  private void cache(String version) throws Exception {
    Path pkg = home.resolve(".npm/_npx/5a1b2c3d4e5f6a7b/node_modules/postmark-mcp/package.json");
    Files.createDirectories(pkg.getParent());
    Files.writeString(pkg, "{\"name\": \"postmark-mcp\", \"version\": \"" + version + "\"}");
  }
}
