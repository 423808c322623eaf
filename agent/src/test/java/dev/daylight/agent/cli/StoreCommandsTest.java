package dev.daylight.agent.cli;

import static dev.daylight.testing.Inventories.npx;
import static dev.daylight.testing.Inventories.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StoreCommandsTest {
  @TempDir Path dir;
  String out;
  String err;

  @BeforeEach
  void twoScans() {
    try (Store s = Store.open(dir)) {
      s.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.15")), List.of()));
      s.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.16")), List.of()));
    }
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--state-dir";
    all[args.length + 1] = dir.toString();
    int code = cli.execute(all);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void reviewApproveClosesTheSuspendedFindingAsSeenThroughTheCli() throws Exception {
    assertThat(run("findings", "--open", "--format", "json")).isEqualTo(ExitCodes.FINDINGS);
    JsonNode open = Json.mapper().readTree(out);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).path("rule").asText()).isEqualTo("package-version-changed");
    assertThat(open.get(0).path("status").asText()).isEqualTo("open");

    // 1.0.16 is the bundled intel's MAL-2025-47604: approving it needs a stated override.
    assertThat(run("review", "approve", "pkg:npm/postmark-mcp@1.0.16", "--yes"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("known-malicious", "MAL-2025-47604", "--override-malicious");
    assertThat(
            run(
                "review",
                "approve",
                "pkg:npm/postmark-mcp@1.0.16",
                "--override-malicious",
                "lab sandbox only"))
        .as(err)
        .isEqualTo(ExitCodes.OK);
    assertThat(out)
        .contains("finding-resolved", "override-malicious MAL-2025-47604: lab sandbox only");
    assertThat(run("findings", "--open")).isEqualTo(ExitCodes.OK);
    assertThat(out.lines()).hasSize(1);
    assertThat(run("findings")).isEqualTo(ExitCodes.OK);
    assertThat(out).contains("resolved", "package-version-changed");
  }

  @Test
  void eventsListsChangesInOrderAndFiltersBySince() throws Exception {
    assertThat(run("events", "--format", "json")).isEqualTo(ExitCodes.OK);
    JsonNode events = Json.mapper().readTree(out);
    assertThat(events.findValuesAsText("type"))
        .containsExactly("server-added", "package-version-changed", "finding-opened");
    assertThat(run("events", "--since", "2999-01-01T00:00:00Z", "--format", "json")).isZero();
    assertThat(Json.mapper().readTree(out)).isEmpty();
    assertThat(run("events", "--since", "1h")).isZero();
    assertThat(out).contains("package-version-changed");
    assertThat(run("events", "--since", "yesterday")).isNotZero();
    assertThat(err).contains("neither an ISO-8601 instant");
  }

  @Test
  void statusAndExportsReadTheLatestScan() throws Exception {
    assertThat(run("status", "--format", "json")).isZero();
    JsonNode st = Json.mapper().readTree(out);
    assertThat(st.path("openFindings").path("high").asInt()).isEqualTo(1);
    assertThat(st.path("outboxDepth").asInt()).isEqualTo(2);
    assertThat(run("status")).isZero();
    assertThat(out).contains("last scan:", "high 1");
    assertThat(run("export", "--format", "cyclonedx")).isZero();
    assertThat(new JsonParser().validate(out, Version.VERSION_16)).isEmpty();
    for (String f : List.of("json", "csv", "ocsf", "sarif")) {
      assertThat(run("export", "--format", f)).as(f).isZero();
      assertThat(out).as(f).contains("postmark");
    }
  }

  @Test
  void scanStoresIntoANamedStoreUnlessNoStore(@TempDir Path home, @TempDir Path other)
      throws Exception {
    java.nio.file.Files.createDirectories(home.resolve(".cursor"));
    java.nio.file.Files.writeString(
        home.resolve(".cursor/mcp.json"),
        "{\"mcpServers\": {\"pm\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp@1.0.16\"]}}}");
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    String[] base = {
      "scan",
      "--home",
      home.toString(),
      "--os",
      "linux",
      "--no-host",
      "--format",
      "json",
      "--state-dir",
      other.toString()
    };
    String[] noStore = java.util.Arrays.copyOf(base, base.length + 1);
    noStore[base.length] = "--no-store";
    cli.execute(noStore);
    try (var files = java.nio.file.Files.list(other)) {
      assertThat(files).isEmpty();
    }
    cli.execute(base);
    try (Store s = Store.open(other)) {
      assertThat(s.servers()).extracting(v -> v.server().name()).containsExactly("pm");
      assertThat(s.latest().orElseThrow().servers().get(0).pkg().version()).isEqualTo("1.0.16");
    }
    assertThat(other.resolve("device.key")).exists();
  }

  @Test
  void badReviewTargetIsAUsageError() {
    assertThat(run("review", "approve", "postmark-mcp")).isNotZero();
    assertThat(err).contains("PURL@VERSION");
  }

  @Test
  void reviewTakesEitherScopeSpellingAndRefusesAPackageNeverSeenUnlessForced(@TempDir Path home)
      throws Exception {
    Path config = home.resolve(".cursor/mcp.json");
    java.nio.file.Files.createDirectories(config.getParent());
    java.nio.file.Files.writeString(
        config,
        "{\"mcpServers\":{\"gh\":{\"command\":\"npx\",\"args\":[\"-y\",\"@acme/gh-mcp@1.0.0\"]}}}");
    assertThat(
            run(
                "scan",
                "--home",
                home.toString(),
                "--os",
                "linux",
                "--no-host",
                "--format",
                "json"))
        .as(err)
        .isZero();
    assertThat(run("review", "deny", "pkg:npm/@acme/gh-mcp@1.0.0")).as(err).isEqualTo(ExitCodes.OK);
    assertThat(run("review", "approve", "pkg:npm/%40acme/gh-mcp@1.0.0"))
        .as(err)
        .isEqualTo(ExitCodes.OK);
    assertThat(run("events", "--format", "json")).isZero();
    assertThat(Json.mapper().readTree(out).findValuesAsText("purl"))
        .contains("pkg:npm/%40acme/gh-mcp@1.0.0")
        .doesNotContain("pkg:npm/@acme/gh-mcp@1.0.0");

    assertThat(run("review", "deny", "pkg:npm/@acme/gh-mpc@1.0.0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("never seen", "--force");
    assertThat(run("review", "deny", "pkg:npm/@acme/gh-mpc@1.0.0", "--force"))
        .as(err)
        .isEqualTo(ExitCodes.OK);
    assertThat(run("review", "approve", "not-a-purl")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void findingsAckNeedsAReasonAndRefusesCriticalAndHigh() throws Exception {
    assertThat(run("findings", "--open", "--format", "json")).isEqualTo(ExitCodes.FINDINGS);
    String changed =
        Json.mapper().readTree(out).get(0).path("id").asText(); // package-version-changed: high
    assertThat(run("findings", "ack", changed)).isEqualTo(ExitCodes.USAGE);
    assertThat(run("findings", "ack", changed, "--reason", "expected")).isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("cannot be acknowledged", "reviewer");
    assertThat(run("status", "--format", "json")).isZero();
    assertThat(Json.mapper().readTree(out).path("openFindings").path("high").asInt()).isEqualTo(1);

    try (Store s = Store.open(dir)) {
      s.record(
          of(
              List.of(
                  npx("postmark", "postmark-mcp", "1.0.16"), npx("extra", "extra-mcp", "2.0.0")),
              List.of()));
    }
    assertThat(run("findings", "--open", "--format", "json")).isEqualTo(ExitCodes.FINDINGS);
    String low = null;
    for (JsonNode f : Json.mapper().readTree(out)) {
      if (f.path("severity").asText().equals("low")) {
        low = f.path("id").asText();
      }
    }
    assertThat(low).as(out).isNotNull();
    assertThat(run("findings", "ack", low, "--reason", "our own server"))
        .as(err)
        .isEqualTo(ExitCodes.OK);
    assertThat(run("findings", "--format", "json")).isNotNegative();
    assertThat(out).contains("\"note\" : \"our own server\"", "acknowledged");
    assertThat(run("findings", "ack", low, "--reason", "again")).isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("no open finding");
  }
}
