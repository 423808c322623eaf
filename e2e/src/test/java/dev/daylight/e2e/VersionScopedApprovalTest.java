package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.cli.Main;
import dev.daylight.collector.Collector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defence the product exists for, through the real CLI and a real collector: approving the
 * version a device runs must not approve the next one. After an exact-version approval of 1.0.15,
 * the device moving to 1.0.16 reports a suspended package; only an explicit all-versions approval
 * would silence it, and revoking that brings the suspension back.
 */
class VersionScopedApprovalTest {
  private static final String PURL = "pkg:npm/postmark-mcp";
  @TempDir Path home;
  @TempDir Path state;
  @TempDir Path server;

  private void configure(String version) throws Exception {
    Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(
        home.resolve(".cursor/mcp.json"),
        """
        {"mcpServers": {"postmark": {"command": "npx", "args": ["-y", "postmark-mcp@%s"]}}}
        """
            .formatted(version));
  }

  /** Two scans: the first pulls the policy the admin just changed, the second judges with it. */
  private void scanTwice() {
    for (int i = 0; i < 2; i++) {
      assertThat(
              Main.run(
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
                  "--report"))
          .isIn(0, 1);
    }
  }

  private static JsonNode suspended(int port) throws Exception {
    return Loopback.admin(port, "/api/v1/findings?rule=package-version-changed").get("findings");
  }

  @Test
  void anExactVersionApprovalLeavesTheNextVersionSuspendedOnTheNextReport() throws Exception {
    configure("1.0.15");
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
      scanTwice();
      assertThat(suspended(port)).as("the first version seen is the baseline").isEmpty();

      Loopback.adminPost(
          port,
          "/api/v1/admin/policy",
          Map.of(
              "subject",
              PURL,
              "version",
              "1.0.15",
              "decision",
              "approved",
              "by",
              "sec-team",
              "reason",
              "reviewed 1.0.15"));
      configure("1.0.16");
      scanTwice();
      JsonNode open = suspended(port);
      assertThat(open).as("1.0.16 is not covered by the approval of 1.0.15").hasSize(1);
      assertThat(open.get(0).get("purl").asText()).isEqualTo(PURL + "@1.0.16");

      Loopback.adminPost(
          port,
          "/api/v1/admin/policy",
          Map.of(
              "subject",
              PURL,
              "allVersions",
              true,
              "decision",
              "approved",
              "by",
              "sec-team",
              "reason",
              "trust every version"));
      scanTwice();
      assertThat(suspended(port)).as("an explicit all-versions approval covers 1.0.16").isEmpty();

      Loopback.adminPost(
          port,
          "/api/v1/admin/policy",
          Map.of(
              "subject",
              PURL,
              "allVersions",
              true,
              "decision",
              "unreviewed",
              "by",
              "sec-team",
              "reason",
              "too broad"));
      scanTwice();
      assertThat(suspended(port))
          .as("revoking the broad approval suspends 1.0.16 again")
          .hasSize(1);
      JsonNode policy = Loopback.admin(port, "/api/v1/admin/policy");
      assertThat(policy.get("entries")).hasSize(1);
      assertThat(policy.get("entries").get(0).get("version").asText()).isEqualTo("1.0.15");
      assertThat(policy.get("history").get(0).get("reason").asText()).isEqualTo("too broad");
    }
  }
}
