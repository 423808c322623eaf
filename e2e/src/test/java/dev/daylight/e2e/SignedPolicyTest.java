package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real collector on loopback signs its policy answers; the agent reaches it through a loopback
 * relay that passes answers through, or tampers with the body, strips the signature, or re-signs
 * with another key. Only the collector's own signature is applied; a refused answer changes
 * nothing and `daylight status` says why.
 */
class SignedPolicyTest {
  @TempDir Path tmp;
  private HttpServer relay;
  private volatile Mode mode = Mode.PASS;
  private final HttpClient http = HttpClient.newHttpClient();

  enum Mode { PASS, TAMPER, UNSIGNED, WRONG_KEY }

  @AfterEach
  void stopRelay() {
    if (relay != null) {
      relay.stop(0);
    }
  }

  @Test
  void onlyAnswersSignedByThePinnedKeyAreApplied() throws Exception {
    int port = Loopback.freePort();
    Path keyFile = tmp.resolve("signing.pem");
    Path state = tmp.resolve("state");
    try (Collector collector = Collector.start(new Collector.Config("127.0.0.1", port, "sqlite:" + tmp.resolve("c.db"),
        Loopback.SECRET, Loopback.ADMIN, null, null, 3600, null, keyFile))) {
      assertThat(Files.readString(keyFile)).contains("BEGIN PRIVATE KEY", "BEGIN PUBLIC KEY");
      int relayPort = startRelay(port);
      assertThat(Main.run("enroll", "--collector", "http://127.0.0.1:" + relayPort, "--secret", Loopback.SECRET,
          "--state-dir", state.toString())).isZero();
      String pinned = Json.mapper().readTree(state.resolve("collector.json").toFile()).path("signingKey").asText();
      assertThat(pinned).isNotBlank();
      String keyId = AnswerSignature.keyId(pinned);
      assertThat(status(state)).contains("answers must be signed by key " + keyId);

      deny(port, "pkg:npm/postmark-mcp");
      assertThat(pull(state).problem()).isEmpty();
      assertThat(subjects(state)).containsExactly("pkg:npm/postmark-mcp");

      deny(port, "pkg:npm/deepseeek");
      Loopback.adminPost(port, "/api/v1/admin/intel", Json.mapper().readTree("""
          [{"id": "MAL-2099-0042", "modified": "2099-01-01T00:00:00Z", "summary": "signed fleet intel",
            "affected": [{"package": {"ecosystem": "npm", "name": "signed-intel-mcp"}, "versions": ["1.0.0"]}]}]
          """));
      mode = Mode.TAMPER;
      assertThat(pull(state).problem()).hasValueSatisfying(p -> assertThat(p)
          .contains("does not verify with the pinned key " + keyId, "nothing applied"));
      assertThat(subjects(state)).as("tampered: previous policy kept").containsExactly("pkg:npm/postmark-mcp");
      assertThat(status(state)).contains("policy:        REFUSED: policy answer refused: the answer's signature"
          + " does not verify with the pinned key " + keyId);

      mode = Mode.WRONG_KEY;
      assertThat(pull(state).problem()).hasValueSatisfying(p -> assertThat(p)
          .contains("does not verify with the pinned key " + keyId, "signed by key"));
      assertThat(subjects(state)).as("another key: previous policy kept").containsExactly("pkg:npm/postmark-mcp");

      mode = Mode.UNSIGNED;
      assertThat(pull(state).problem()).hasValueSatisfying(p -> assertThat(p).contains("the answer is not signed"));
      assertThat(subjects(state)).as("unsigned: previous policy kept").containsExactly("pkg:npm/postmark-mcp");
      assertThat(fleetIntel(state)).as("no intel from a refused answer").isEmpty();
      assertThat(status(state)).contains("REFUSED: policy answer refused: the answer is not signed");

      mode = Mode.PASS;
      assertThat(pull(state).problem()).isEmpty();
      assertThat(subjects(state)).containsExactlyInAnyOrder("pkg:npm/postmark-mcp", "pkg:npm/deepseeek");
      assertThat(fleetIntel(state)).containsExactly("MAL-2099-0042");
      assertThat(status(state)).doesNotContain("REFUSED");
    }
  }

  @Test
  void anAgentEnrolledBeforeKeysWerePinnedPinsTheFirstSignedAnswerThenRefusesOthers() throws Exception {
    int port = Loopback.freePort();
    Path state = tmp.resolve("old-agent");
    try (Collector collector = Loopback.collector(port, tmp.resolve("c.db"))) {
      int relayPort = startRelay(port);
      assertThat(Main.run("enroll", "--collector", "http://127.0.0.1:" + relayPort, "--secret", Loopback.SECRET,
          "--state-dir", state.toString())).isZero();
      // As an older agent wrote it: no signingKey.
      ObjectNode creds = (ObjectNode) Json.mapper().readTree(state.resolve("collector.json").toFile());
      creds.remove("signingKey");
      Files.write(state.resolve("collector.json"), Json.mapper().writeValueAsBytes(creds));
      assertThat(status(state)).contains("no signing key pinned yet");

      deny(port, "pkg:npm/postmark-mcp");
      assertThat(pull(state).problem()).isEmpty();
      assertThat(subjects(state)).containsExactly("pkg:npm/postmark-mcp");
      assertThat(Json.mapper().readTree(state.resolve("collector.json").toFile()).path("signingKey").asText())
          .isNotBlank();

      deny(port, "pkg:npm/deepseeek");
      mode = Mode.WRONG_KEY;
      assertThat(pull(state).problem()).hasValueSatisfying(p -> assertThat(p).contains("does not verify"));
      assertThat(subjects(state)).containsExactly("pkg:npm/postmark-mcp");
    }
  }

  @Test
  void theFleetsIntelSnapshotReachesAgentsOnlySignedAndOncePerChange() throws Exception {
    int port = Loopback.freePort();
    Path state = tmp.resolve("state");
    try (Collector collector = Loopback.collector(port, tmp.resolve("c.db"))) {
      int relayPort = startRelay(port);
      assertThat(Main.run("enroll", "--collector", "http://127.0.0.1:" + relayPort, "--secret", Loopback.SECRET,
          "--state-dir", state.toString())).isZero();
      assertThat(pull(state).problem()).as("no snapshot yet: nothing to fetch").isEmpty();

      Path snapshot = tmp.resolve("fleet.tsv.gz");
      Intel.Builder b = Intel.builder();
      b.addRecords(List.of(Json.mapper().readTree("""
          {"id": "MAL-2099-0777", "modified": "2099-01-01T00:00:00Z", "summary": "fleet snapshot",
           "affected": [{"package": {"ecosystem": "npm", "name": "signed-intel-mcp"}, "versions": ["1.0.0"]}]}
          """)));
      b.build().writeCompact(snapshot);
      assertThat(putSnapshot(port, Files.readAllBytes(snapshot)).statusCode()).isEqualTo(200);
      assertThat(putSnapshot(port, "not gzip".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);

      mode = Mode.TAMPER;
      assertThat(pull(state).problem()).hasValueSatisfying(p -> assertThat(p)
          .contains("intel snapshot refused", "does not verify"));
      assertThat(fleetIntel(state)).isEmpty();
      mode = Mode.UNSIGNED;
      assertThat(pull(state).problem()).hasValueSatisfying(p -> assertThat(p).contains("not signed"));
      assertThat(fleetIntel(state)).isEmpty();

      mode = Mode.PASS;
      Reporter.Round round = pull(state);
      assertThat(round.problem()).isEmpty();
      assertThat(round.policyUpdated()).isTrue();
      assertThat(fleetIntel(state)).containsExactly("MAL-2099-0777");
      assertThat(pull(state).policyUpdated()).as("unchanged: 304, nothing fetched again").isFalse();
    }
  }

  private static HttpResponse<String> putSnapshot(int port, byte[] gz) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/admin/intel/snapshot?by=sec-team"))
        .header("Authorization", "Bearer " + Loopback.ADMIN).header("Content-Type", "application/gzip")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(gz)).build(), HttpResponse.BodyHandlers.ofString());
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
  private static List<String> fleetIntel(Path state) throws IOException {
    Intel.Builder b = Intel.builder();
    new IntelStore(state).addTo(b);
    return b.build().match("npm", "signed-intel-mcp", "1.0.0").stream().map(m -> m.advisory().id()).toList();
  }

  private static void deny(int port, String subject) throws Exception {
    Loopback.adminPost(port, "/api/v1/admin/policy", Map.of("subject", subject, "allVersions", true,
        "decision", "denied", "by", "sec-team", "reason", "e2e"));
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

  /** Forwards every request to the collector; policy answers are changed as {@link #mode} says. */
  private int startRelay(int collectorPort) throws Exception {
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    relay.createContext("/", x -> {
      try {
        forward(x, collectorPort, other);
      } catch (Exception e) {
        x.sendResponseHeaders(502, -1);
      } finally {
        x.close();
      }
    });
    relay.start();
    return relay.getAddress().getPort();
  }

  private void forward(HttpExchange x, int collectorPort, KeyPair other) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collectorPort + x.getRequestURI()));
    for (String h : List.of("Authorization", "Content-Type", "If-None-Match")) {
      String v = x.getRequestHeaders().getFirst(h);
      if (v != null) {
        b.header(h, v);
      }
    }
    byte[] in = x.getRequestBody().readAllBytes();
    String encoding = x.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    b.method(x.getRequestMethod(), in.length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(in));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = r.body();
    boolean snapshot = x.getRequestURI().getPath().equals("/api/v1/intel/snapshot") && r.statusCode() == 200;
    boolean policy = snapshot
        || x.getRequestURI().getPath().equals("/api/v1/policy") && r.statusCode() == 200;
    for (String h : List.of("Content-Type", "ETag", AnswerSignature.HEADER, AnswerSignature.KEY_ID_HEADER,
        AnswerSignature.KEY_HEADER)) {
      r.headers().firstValue(h).ifPresent(v -> x.getResponseHeaders().add(h, v));
    }
    if (policy && mode != Mode.PASS) {
      switch (mode) {
        case TAMPER -> {
          if (snapshot) {
            body = body.clone();
            body[body.length / 2] ^= 1;
          } else {
            body = new String(body, StandardCharsets.UTF_8)
                .replace("pkg:npm/deepseeek", "pkg:npm/deepseek").getBytes(StandardCharsets.UTF_8);
          }
        }
        case UNSIGNED -> {
          x.getResponseHeaders().remove(AnswerSignature.HEADER);
          x.getResponseHeaders().remove(AnswerSignature.KEY_ID_HEADER);
          x.getResponseHeaders().remove(AnswerSignature.KEY_HEADER);
        }
        case WRONG_KEY -> {
          Signature s = Signature.getInstance("Ed25519");
          s.initSign(other.getPrivate());
          s.update(body);
          String pub = Base64.getEncoder().encodeToString(other.getPublic().getEncoded());
          x.getResponseHeaders().set(AnswerSignature.HEADER, AnswerSignature.header(s.sign()));
          x.getResponseHeaders().set(AnswerSignature.KEY_ID_HEADER, AnswerSignature.keyId(pub));
          x.getResponseHeaders().set(AnswerSignature.KEY_HEADER, pub);
        }
        default -> { }
      }
    }
    x.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      x.getResponseBody().write(body);
    }
  }
}
