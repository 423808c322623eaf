package dev.daylight.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Policy;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wire client against small loopback servers that misbehave the ways a hostile network can. */
class CollectorClientTest {
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private interface Handler {
    void handle(HttpExchange x) throws IOException;
  }

  private URI serve(Handler h) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext(
        "/",
        x -> {
          seen.add(
              x.getLocalAddress().getPort()
                  + " "
                  + x.getRequestMethod()
                  + " "
                  + x.getRequestURI().getRawPath()
                  + (x.getRequestURI().getRawQuery() == null
                      ? ""
                      : "?" + x.getRequestURI().getRawQuery())
                  + " auth="
                  + x.getRequestHeaders().getFirst("Authorization"));
          try (x) {
            h.handle(x);
          }
        });
    s.start();
    servers.add(s);
    return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private static void answer(HttpExchange x, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      x.getResponseBody().write(b);
    }
  }

  private static Report report() {
    Inventory inv =
        Inventory.builder()
            .schemaVersion(SchemaVersion.CURRENT)
            .scanId("scan-1")
            .startedAt(Instant.now())
            .finishedAt(Instant.now())
            .host(new Host(null, "h", "linux", null, null, null, null))
            .build();
    return new Report(
        SchemaVersion.CURRENT,
        "r-1",
        null,
        Instant.now(),
        ReportKind.SNAPSHOT,
        inv,
        List.of(),
        null);
  }

  @Test
  void aRedirectIsNeverFollowedSoNeitherTheKeyNorTheReportGoesElsewhere() throws IOException {
    URI elsewhere = serve(x -> answer(x, 200, "{}"));
    URI collector =
        serve(
            x -> {
              x.getResponseHeaders().add("Location", elsewhere + x.getRequestURI().getRawPath());
              answer(x, 307, "");
            });
    CollectorClient client = new CollectorClient(collector, null, null);
    assertThat(client.send(report(), "node-key-canary")).isEqualTo(CollectorClient.Sent.RETRY);
    assertThatThrownBy(
            () -> client.enroll("s", new Host(null, "h", "linux", null, null, null, null)))
        .hasMessageContaining("redirect");
    assertThatThrownBy(() -> client.policy("node-key-canary", null, null, null))
        .hasMessageContaining("HTTP 307");
    assertThat(seen)
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).startsWith(collector.getPort() + " "));
  }

  @Test
  void theIntelCursorIsSentAsOneEncodedParameter() throws IOException {
    URI collector = serve(x -> answer(x, 304, ""));
    new CollectorClient(collector, null, null)
        .policy("k", null, "2026-01-01T00:00:00Z|MAL-1&x=y#z", null);
    assertThat(seen)
        .singleElement()
        .asString()
        .contains("/api/v1/policy?intelCursor=2026-01-01T00%3A00%3A00Z%7CMAL-1%26x%3Dy%23z ");
  }

  @Test
  void aNodeIdOrKeyThatIsNotAPlainTokenIsRefusedAtEnrollment() throws IOException {
    Host host = new Host(null, "h", "linux", null, null, null, null);
    for (String body :
        new String[] {
          "{\"nodeId\":\"n-1\",\"nodeKey\":\"k\\r\\nX-Evil: 1\"}",
          "{\"nodeId\":\"\\u001b]0;owned\\u0007\",\"nodeKey\":\"k\"}",
          "{\"nodeId\":\"n\",\"nodeKey\":\"\"}"
        }) {
      URI collector = serve(x -> answer(x, 200, body));
      assertThatThrownBy(() -> new CollectorClient(collector, null, null).enroll("s", host))
          .as(body)
          .hasMessageContaining("not a plain token");
    }
    URI good = serve(x -> answer(x, 200, "{\"nodeId\":\"5f0c-11\",\"nodeKey\":\"Ab_9-x=\"}"));
    assertThat(new CollectorClient(good, null, null).enroll("s", host).nodeKey())
        .isEqualTo("Ab_9-x=");
  }

  @Test
  void aCollectorErrorBodyReachesTheTerminalWithoutControlCharacters() throws IOException {
    URI collector = serve(x -> answer(x, 500, "boom\u001b]0;owned\u0007\u001b[2J\r\nmore"));
    assertThatThrownBy(
            () ->
                new CollectorClient(collector, null, null)
                    .enroll("s", new Host(null, "h", "linux", null, null, null, null)))
        .hasMessageContaining("HTTP 500 boom")
        .message()
        .doesNotContain("\u001b", "\u0007", "\r", "\n");
  }

  @Test
  void aPolicyLargerThanTheCapOnceUngzippedIsRefusedAndOneJustUnderItIsRead() throws IOException {
    long cap = CollectorClient.POLICY_MAX_BYTES;
    URI bomb = serve(x -> answerGzip(x, policyOfSize(cap + 1)));
    URI plain =
        serve(x -> answer(x, 200, new String(policyOfSize(cap + 1), StandardCharsets.UTF_8)));
    URI fits = serve(x -> answerGzip(x, policyOfSize(cap)));

    for (URI collector : List.of(bomb, plain)) {
      assertThatThrownBy(
              () -> new CollectorClient(collector, null, null).policy("k", null, null, null))
          .as(collector.toString())
          .isInstanceOf(IOException.class)
          .hasMessage("policy answer larger than 16 MiB (decoded): not read");
    }
    Policy read =
        new CollectorClient(fits, null, null).policy("k", null, null, null).orElseThrow().policy();
    assertThat(read.etag()).isEqualTo("\"p1\"");
    assertThat(read.intel())
        .singleElement()
        .satisfies(r -> assertThat(r.path("pad").asText()).startsWith("aaa"));
  }

  @Test
  void anEnrollmentAnswerLargerThanTwoTokensNeedIsRefused() throws IOException {
    String huge = "{\"nodeId\":\"n\",\"nodeKey\":\"k\",\"pad\":\"" + "a".repeat(70 * 1024) + "\"}";
    URI collector = serve(x -> answerGzip(x, huge.getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(
            () ->
                new CollectorClient(collector, null, null)
                    .enroll("s", new Host(null, "h", "linux", null, null, null, null)))
        .hasMessage("enrollment answer larger than 64 KiB (decoded): not read");
  }

  /** A valid policy whose JSON is exactly {@code size} bytes: one intel record padded out. */
  static byte[] policyOfSize(long size) throws IOException {
    String head =
        "{\"etag\":\"\\\"p1\\\"\",\"entries\":[],\"scanIntervalSeconds\":0,\"intel\":[{\"pad\":\"";
    String tail = "\"}],\"intelCursor\":\"1\"}";
    byte[] out = new byte[Math.toIntExact(size)];
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(h, 0, out, 0, h.length);
    java.util.Arrays.fill(out, h.length, out.length - t.length, (byte) 'a');
    System.arraycopy(t, 0, out, out.length - t.length, t.length);
    return out;
  }

  /** Gzip on the wire as a collector (or an impostor) may send it; OkHttp inflates it unasked. */
  static void answerGzip(HttpExchange x, byte[] raw) throws IOException {
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
      gz.write(raw);
    }
    x.getResponseHeaders().add("Content-Encoding", "gzip");
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(200, zipped.size());
    x.getResponseBody().write(zipped.toByteArray());
  }
}
