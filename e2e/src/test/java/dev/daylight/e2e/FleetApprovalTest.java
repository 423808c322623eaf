package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.cli.Main;
import dev.daylight.agent.store.Store;
import dev.daylight.collector.Collector;
import dev.daylight.protocol.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's word on approvals, set by an administrator at a real collector and applied by the
 * agent through its real CLI: a class approved fleet-wide, a server approved by name, the fleet's
 * own list of the classes that need an approval (over the machine's rules file, until the fleet
 * leaves it to the machine again), and a class denied, which a local approval does not lift.
 */
class FleetApprovalTest {
  @TempDir Path home;
  @TempDir Path state;
  @TempDir Path server;
  private int port;

  @Test
  void theFleetsApprovalsClassListAndDenialsReachTheAgentsFindings() throws Exception {
    Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(
        home.resolve(".cursor/mcp.json"),
        """
        {"mcpServers": {"stripe": {"url": "https://mcp.stripe.com"},
          "slack": {"url": "https://mcp.slack.com/mcp"}}}
        """);
    Path rules =
        Files.writeString(home.resolve("rules.properties"), "approval.classes = source-control\n");
    port = Loopback.freePort();
    try (Collector collector = Loopback.collector(port, server.resolve("c.db"))) {
      assertThat(
              cli("enroll", "--collector", "http://127.0.0.1:" + port, "--secret", Loopback.SECRET))
          .isZero();
      scanTwice();
      assertThat(titles("unapproved-capability")).hasSize(2);

      decide("class:payments", "approved");
      scan(); // judged with the old policy, then pulls the new one
      assertThat(titles("unapproved-capability"))
          .as("the pull itself closes the approved class's finding")
          .singleElement()
          .satisfies(t -> assertThat(t).contains("'slack'", "messaging"));
      scan();
      assertThat(titles("unapproved-capability"))
          .as("payments approved fleet-wide: only slack still waits")
          .singleElement()
          .satisfies(t -> assertThat(t).contains("'slack'", "messaging"));
      assertThat(
              Loopback.admin(port, "/api/v1/findings?rule=unapproved-capability").get("findings"))
          .as("the collector's view follows the agent's report")
          .hasSize(1);

      approvalClasses(List.of("messaging"));
      scanTwice("--rules", rules.toString());
      assertThat(titles("unapproved-capability"))
          .as("the fleet's list (messaging) wins over the rules file's (source-control)")
          .singleElement()
          .satisfies(t -> assertThat(t).contains("'slack'"));

      approvalClasses(null); // back to each machine's own list: the rules file applies again
      scanTwice("--rules", rules.toString());
      assertThat(titles("unapproved-capability")).as("source-control only: none here").isEmpty();

      decide("server:slack", "approved");
      scanTwice();
      assertThat(titles("unapproved-capability")).as("slack approved by name").isEmpty();

      decide("server:slack", "unreviewed");
      decide("class:messaging", "denied");
      scanTwice();
      assertThat(cli("review", "approve", "class:messaging")).isZero();
      scanTwice();
      List<Finding> denied = open("denied");
      assertThat(denied)
          .as("a fleet denial that the local approval does not lift")
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity().name()).isEqualTo("HIGH");
                assertThat(f.title()).contains("'slack'", "messaging", "denies");
              });
      assertThat(titles("unapproved-capability")).isEmpty();
    }
  }

  private void decide(String subject, String decision) throws Exception {
    Loopback.adminPost(
        port,
        "/api/v1/admin/policy",
        Map.of(
            "subject", subject, "decision", decision, "by", "secops", "reason", "fleet decision"));
  }

  /** {@code null}: the fleet leaves the list to each machine. */
  private void approvalClasses(List<String> classes) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("classes", classes);
    body.put("by", "secops");
    body.put("reason", "fleet list");
    assertThat(Loopback.adminPut(port, "/api/v1/admin/approval-classes", body)).isNotNull();
  }

  /** Two reporting scans: the first pulls the policy just changed, the second judges with it. */
  private void scanTwice(String... extra) {
    scan(extra);
    scan(extra);
  }

  /** One stored scan, reported; the report's answer brings the fleet policy. */
  private void scan(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "scan",
                "--home",
                home.toString(),
                "--os",
                "linux",
                "--no-host",
                "--format",
                "json",
                "--report"));
    args.addAll(Arrays.asList(extra));
    assertThat(cli(args.toArray(String[]::new))).isIn(0, 1);
  }

  private int cli(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--state-dir";
    all[args.length + 1] = state.toString();
    return Main.run(all);
  }

  /** The agent's open findings of {@code rule}, as its store holds them after the last scan. */
  private List<Finding> open(String rule) {
    try (Store s = Store.open(state)) {
      return s.findings(true).stream()
          .map(f -> f.finding())
          .filter(f -> f.rule().equals(rule))
          .toList();
    }
  }

  private List<String> titles(String rule) {
    return open(rule).stream().map(Finding::title).toList();
  }
}
