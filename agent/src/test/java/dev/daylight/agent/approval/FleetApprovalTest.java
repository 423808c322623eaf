package dev.daylight.agent.approval;

import static dev.daylight.agent.approval.ApprovalHome.findings;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.daylight.agent.report.Credentials;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.Policy;
import dev.daylight.protocol.PolicyEntry;
import dev.daylight.protocol.ReviewState;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's word on approvals, pulled from a collector on loopback by the real reporter: a class
 * approved fleet-wide, a server approved by name, a class denied, and the fleet's own list of the
 * classes that need an approval.
 */
class FleetApprovalTest {
  @TempDir Path home;
  @TempDir Path state;
  ApprovalHome h;
  HttpServer collector;
  final AtomicReference<Policy> policy = new AtomicReference<>();
  int etag;

  @BeforeEach
  void start() throws Exception {
    h = new ApprovalHome(home, state);
    h.write(
        ".cursor/mcp.json",
        """
        {"mcpServers": {"stripe": {"url": "https://mcp.stripe.com"},
          "slack": {"url": "https://mcp.slack.com/mcp"}}}
        """);
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/api/v1/policy",
        x -> {
          try (x) {
            byte[] body = Json.mapper().writeValueAsBytes(policy.get());
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
          }
        });
    collector.createContext(
        "/api/v1/reports",
        x -> {
          try (x) {
            x.sendResponseHeaders(202, -1);
          }
        });
    collector.start();
    new Credentials(
            "http://127.0.0.1:" + collector.getAddress().getPort(), "n-1", "node-key", null, null)
        .save(state);
  }

  @AfterEach
  void stop() {
    collector.stop(0);
  }

  @Test
  void aClassApprovedAtTheCollectorClosesTheFindingAtThePullAndTheNextScanHasNone() {
    assertThat(findings(h.scan(), "unapproved-capability")).hasSize(2);

    serve(List.of(entry("class:payments", ReviewState.APPROVED)), null);
    pull();

    assertThat(openUnapproved()).singleElement().satisfies(t -> assertThat(t).contains("'slack'"));
    assertThat(findings(h.scan(), "unapproved-capability"))
        .singleElement()
        .satisfies(f -> assertThat(f.path("title").asText()).contains("'slack'", "messaging"));
  }

  @Test
  void aServerApprovedByNameAtTheCollectorNeedsNothingMore() {
    h.scan();
    serve(List.of(entry("server:slack", ReviewState.APPROVED)), null);
    pull();

    assertThat(findings(h.scan(), "unapproved-capability"))
        .singleElement()
        .satisfies(f -> assertThat(f.path("title").asText()).contains("'stripe'"));
  }

  @Test
  void theFleetsListOfClassesWinsOverTheDefaultAndTheRulesFile() {
    h.write("rules.properties", "approval.classes = payments, messaging\n");
    serve(List.of(), List.of("source-control"));
    pull();

    assertThat(
            findings(
                h.scan("--rules", home.resolve("rules.properties").toString()),
                "unapproved-capability"))
        .isEmpty();

    serve(
        List.of(), null); // the fleet leaves the list to each machine again: the rules file applies
    pull();
    assertThat(
            findings(
                h.scan("--rules", home.resolve("rules.properties").toString()),
                "unapproved-capability"))
        .hasSize(2);
  }

  @Test
  void aClassTheFleetDeniesIsADeniedFindingThatALocalApprovalDoesNotLift() {
    h.scan();
    serve(List.of(entry("class:messaging", ReviewState.DENIED)), null);
    pull();
    assertThat(h.run("review", "approve", "class:messaging")).isZero();

    var inv = h.scan();
    assertThat(findings(inv, "denied"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("severity").asText()).isEqualTo("high");
              assertThat(f.path("title").asText()).contains("'slack'", "messaging", "denies");
            });
    assertThat(findings(inv, "unapproved-capability"))
        .singleElement()
        .satisfies(f -> assertThat(f.path("title").asText()).contains("'stripe'"));
  }

  private void serve(List<PolicyEntry> entries, List<String> approvalClasses) {
    policy.set(
        new Policy("\"p" + (++etag) + "\"", entries, 0, List.of(), "0", null, approvalClasses));
  }

  private void pull() {
    try (Store s = Store.open(state)) {
      assertThat(new Reporter(state).deliverNow(s).policyUpdated()).isTrue();
    }
  }

  private static PolicyEntry entry(String subject, ReviewState decision) {
    return new PolicyEntry(
        subject, null, decision, "secops", "fleet decision", Instant.parse("2026-12-01T09:00:00Z"));
  }

  private List<String> openUnapproved() {
    try (Store s = Store.open(state)) {
      return s.findings(true).stream()
          .map(f -> f.finding())
          .filter(f -> f.rule().equals("unapproved-capability"))
          .map(f -> f.title())
          .toList();
    }
  }
}
