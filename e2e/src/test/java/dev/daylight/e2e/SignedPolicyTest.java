package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.cli.Main;
import dev.daylight.agent.intel.Intel;
import dev.daylight.agent.intel.IntelStore;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.store.Store;
import dev.daylight.collector.Collector;
import dev.daylight.protocol.AnswerSignature;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.PolicyEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real collector on loopback signs its policy answers; the agent reaches it through a loopback
 * relay that passes answers through, or tampers with the body, strips the signature, or re-signs
 * with another key. Only the collector's own signature is applied; a refused answer changes nothing
 * and `daylight status` says why.
 */
class SignedPolicyTest {
  @TempDir Path tmp;
  private TamperingRelay relay;

  @AfterEach
  void stopRelay() {
    if (relay != null) {
      relay.close();
    }
  }

  private int startRelay(int collectorPort) throws Exception {
    relay = new TamperingRelay(collectorPort);
    return relay.port();
  }

  @Test
  void onlyAnswersSignedByThePinnedKeyAreApplied() throws Exception {
    int port = Loopback.freePort();
    Path keyFile = tmp.resolve("signing.pem");
    Path state = tmp.resolve("state");
    try (Collector collector =
        Collector.start(
            new Collector.Config(
                "127.0.0.1",
                port,
                "sqlite:" + tmp.resolve("c.db"),
                Loopback.SECRET,
                Loopback.ADMIN,
                null,
                null,
                3600,
                null,
                keyFile))) {
      assertThat(Files.readString(keyFile)).contains("BEGIN PRIVATE KEY", "BEGIN PUBLIC KEY");
      int relayPort = startRelay(port);
      assertThat(
              Main.run(
                  "enroll",
                  "--collector",
                  "http://127.0.0.1:" + relayPort,
                  "--secret",
                  Loopback.SECRET,
                  "--state-dir",
                  state.toString()))
          .isZero();
      String pinned =
          Json.mapper()
              .readTree(state.resolve("collector.json").toFile())
              .path("signingKey")
              .asText();
      assertThat(pinned).isNotBlank();
      String keyId = AnswerSignature.keyId(pinned);
      assertThat(status(state)).contains("answers must be signed by key " + keyId);

      deny(port, "pkg:npm/postmark-mcp");
      assertThat(pull(state).problem()).isEmpty();
      assertThat(subjects(state)).containsExactly("pkg:npm/postmark-mcp");

      deny(port, "pkg:npm/deepseeek");
      Loopback.adminPost(
          port,
          "/api/v1/admin/intel",
          Json.mapper()
              .readTree(
                  """
          [{"id": "MAL-2099-0042", "modified": "2099-01-01T00:00:00Z", "summary": "signed fleet intel",
            "affected": [{"package": {"ecosystem": "npm", "name": "signed-intel-mcp"}, "versions": ["1.0.0"]}]}]
          """));
      relay.mode = TamperingRelay.Mode.TAMPER;
      assertThat(pull(state).problem())
          .hasValueSatisfying(
              p ->
                  assertThat(p)
                      .contains("does not verify with the pinned key " + keyId, "nothing applied"));
      assertThat(subjects(state))
          .as("tampered: previous policy kept")
          .containsExactly("pkg:npm/postmark-mcp");
      assertThat(status(state))
          .contains(
              "policy:        REFUSED: policy answer refused: the answer's signature"
                  + " does not verify with the pinned key "
                  + keyId);

      relay.mode = TamperingRelay.Mode.WRONG_KEY;
      assertThat(pull(state).problem())
          .hasValueSatisfying(
              p ->
                  assertThat(p)
                      .contains("does not verify with the pinned key " + keyId, "signed by key"));
      assertThat(subjects(state))
          .as("another key: previous policy kept")
          .containsExactly("pkg:npm/postmark-mcp");

      relay.mode = TamperingRelay.Mode.UNSIGNED;
      assertThat(pull(state).problem())
          .hasValueSatisfying(p -> assertThat(p).contains("the answer is not signed"));
      assertThat(subjects(state))
          .as("unsigned: previous policy kept")
          .containsExactly("pkg:npm/postmark-mcp");
      assertThat(fleetIntel(state)).as("no intel from a refused answer").isEmpty();
      assertThat(status(state))
          .contains("REFUSED: policy answer refused: the answer is not signed");

      relay.mode = TamperingRelay.Mode.PASS;
      assertThat(pull(state).problem()).isEmpty();
      assertThat(subjects(state))
          .containsExactlyInAnyOrder("pkg:npm/postmark-mcp", "pkg:npm/deepseeek");
      assertThat(fleetIntel(state)).containsExactly("MAL-2099-0042");
      assertThat(status(state)).doesNotContain("REFUSED");
    }
  }

  @Test
  void anAgentEnrolledBeforeKeysWerePinnedPinsTheFirstSignedAnswerThenRefusesOthers()
      throws Exception {
    int port = Loopback.freePort();
    Path state = tmp.resolve("old-agent");
    try (Collector collector = Loopback.collector(port, tmp.resolve("c.db"))) {
      int relayPort = startRelay(port);
      assertThat(
              Main.run(
                  "enroll",
                  "--collector",
                  "http://127.0.0.1:" + relayPort,
                  "--secret",
                  Loopback.SECRET,
                  "--state-dir",
                  state.toString()))
          .isZero();
      // As an older agent wrote it: no signingKey.
      ObjectNode creds =
          (ObjectNode) Json.mapper().readTree(state.resolve("collector.json").toFile());
      creds.remove("signingKey");
      Files.write(state.resolve("collector.json"), Json.mapper().writeValueAsBytes(creds));
      assertThat(status(state)).contains("no signing key pinned yet");

      deny(port, "pkg:npm/postmark-mcp");
      assertThat(pull(state).problem()).isEmpty();
      assertThat(subjects(state)).containsExactly("pkg:npm/postmark-mcp");
      assertThat(
              Json.mapper()
                  .readTree(state.resolve("collector.json").toFile())
                  .path("signingKey")
                  .asText())
          .isNotBlank();

      deny(port, "pkg:npm/deepseeek");
      relay.mode = TamperingRelay.Mode.WRONG_KEY;
      assertThat(pull(state).problem())
          .hasValueSatisfying(p -> assertThat(p).contains("does not verify"));
      assertThat(subjects(state)).containsExactly("pkg:npm/postmark-mcp");
    }
  }

  @Test
  void theFleetsIntelSnapshotReachesAgentsOnlySignedAndOncePerChange() throws Exception {
    int port = Loopback.freePort();
    Path state = tmp.resolve("state");
    try (Collector collector = Loopback.collector(port, tmp.resolve("c.db"))) {
      int relayPort = startRelay(port);
      assertThat(
              Main.run(
                  "enroll",
                  "--collector",
                  "http://127.0.0.1:" + relayPort,
                  "--secret",
                  Loopback.SECRET,
                  "--state-dir",
                  state.toString()))
          .isZero();
      assertThat(pull(state).problem()).as("no snapshot yet: nothing to fetch").isEmpty();

      Path snapshot = snapshot(tmp.resolve("fleet.tsv.gz"), "MAL-2099-0777", "1.0.0");
      assertThat(putSnapshot(port, Files.readAllBytes(snapshot)).statusCode()).isEqualTo(200);
      assertThat(putSnapshot(port, "not gzip".getBytes(StandardCharsets.UTF_8)).statusCode())
          .isEqualTo(400);

      relay.mode = TamperingRelay.Mode.TAMPER;
      assertThat(pull(state).problem())
          .hasValueSatisfying(
              p -> assertThat(p).contains("intel snapshot refused", "does not verify"));
      assertThat(fleetIntel(state)).isEmpty();
      relay.mode = TamperingRelay.Mode.UNSIGNED;
      assertThat(pull(state).problem())
          .hasValueSatisfying(p -> assertThat(p).contains("not signed"));
      assertThat(fleetIntel(state)).isEmpty();

      relay.mode = TamperingRelay.Mode.PASS;
      Reporter.Round round = pull(state);
      assertThat(round.problem()).isEmpty();
      assertThat(round.policyUpdated()).isTrue();
      assertThat(fleetIntel(state)).containsExactly("MAL-2099-0777");
      assertThat(pull(state).policyUpdated()).as("unchanged: 304, nothing fetched again").isFalse();

      // A newer snapshot is signed anew (the collector signs each snapshot once, not each
      // download); the agent adds its advisories to what it holds.
      snapshot(snapshot, "MAL-2099-0778", "1.0.1");
      assertThat(putSnapshot(port, Files.readAllBytes(snapshot)).statusCode()).isEqualTo(200);
      Reporter.Round again = pull(state);
      assertThat(again.problem()).isEmpty();
      assertThat(again.policyUpdated()).isTrue();
      assertThat(fleetIntel(state, "1.0.1")).containsExactly("MAL-2099-0778");
    }
  }

  private static HttpResponse<String> putSnapshot(int port, byte[] gz) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/admin/intel/snapshot?by=sec-team"))
                .header("Authorization", "Bearer " + Loopback.ADMIN)
                .header("Content-Type", "application/gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(gz))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private Reporter.Round pull(Path state) {
    try (Store store = Store.open(state)) {
      return new Reporter(state).deliverNow(store);
    }
  }

  private static List<String> subjects(Path state) {
    try (Store store = Store.open(state)) {
      return store.policy().stream().map(PolicyEntry::subject).toList();
    }
  }

  /** Ids of the fleet's intel records the agent imported that name signed-intel-mcp 1.0.0. */
  /**
   * Writes a fleet snapshot of one advisory for {@code signed-intel-mcp@version} to {@code file}.
   */
  private static Path snapshot(Path file, String id, String version) throws IOException {
    Intel.Builder b = Intel.builder();
    b.addRecords(
        List.of(
            Json.mapper()
                .readTree(
                    String.format(
                        """
                        {"id": "%s", "modified": "2099-01-01T00:00:00Z", "summary": "fleet snapshot",
                         "affected": [{"package": {"ecosystem": "npm", "name": "signed-intel-mcp"},
                                       "versions": ["%s"]}]}
                        """,
                        id, version))));
    b.build().writeCompact(file);
    return file;
  }

  private static List<String> fleetIntel(Path state) throws IOException {
    return fleetIntel(state, "1.0.0");
  }

  private static List<String> fleetIntel(Path state, String version) throws IOException {
    Intel.Builder b = Intel.builder();
    new IntelStore(state).addTo(b);
    return b.build().match("npm", "signed-intel-mcp", version).stream()
        .map(m -> m.advisory().id())
        .toList();
  }

  private static void deny(int port, String subject) throws Exception {
    Loopback.adminPost(
        port,
        "/api/v1/admin/policy",
        Map.of(
            "subject",
            subject,
            "allVersions",
            true,
            "decision",
            "denied",
            "by",
            "sec-team",
            "reason",
            "e2e"));
  }

  private static String status(Path state) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      Main.run("status", "--state-dir", state.toString());
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
