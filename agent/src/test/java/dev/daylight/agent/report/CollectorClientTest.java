package dev.daylight.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Report;
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
    s.createContext("/", x -> {
      seen.add(x.getLocalAddress().getPort() + " " + x.getRequestMethod() + " " + x.getRequestURI().getRawPath()
          + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery())
          + " auth=" + x.getRequestHeaders().getFirst("Authorization"));
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
    Inventory inv = new Inventory(SchemaVersion.CURRENT, "scan-1", Instant.now(), Instant.now(),
        new Host(null, "h", "linux", null, null, null, null), List.of(), List.of(), List.of(), List.of(), List.of());
    return new Report(SchemaVersion.CURRENT, "r-1", null, Instant.now(), "snapshot", inv, List.of());
  }

  @Test
  void aRedirectIsNeverFollowedSoNeitherTheKeyNorTheReportGoesElsewhere() throws IOException {
    URI elsewhere = serve(x -> answer(x, 200, "{}"));
    URI collector = serve(x -> {
      x.getResponseHeaders().add("Location", elsewhere + x.getRequestURI().getRawPath());
      answer(x, 307, "");
    });
    CollectorClient client = new CollectorClient(collector, null, null);
    assertThat(client.send(report(), "node-key-canary")).isEqualTo(CollectorClient.Sent.RETRY);
    assertThatThrownBy(() -> client.enroll("s", new Host(null, "h", "linux", null, null, null, null)))
        .hasMessageContaining("redirect");
    assertThatThrownBy(() -> client.policy("node-key-canary", null, null)).hasMessageContaining("HTTP 307");
    assertThat(seen).hasSize(3).allSatisfy(line -> assertThat(line).startsWith(collector.getPort() + " "));
  }

  @Test
  void theIntelCursorIsSentAsOneEncodedParameter() throws IOException {
    URI collector = serve(x -> answer(x, 304, ""));
    new CollectorClient(collector, null, null).policy("k", null, "2026-01-01T00:00:00Z|MAL-1&x=y#z");
    assertThat(seen).singleElement().asString()
        .contains("/api/v1/policy?intelCursor=2026-01-01T00%3A00%3A00Z%7CMAL-1%26x%3Dy%23z ");
  }

  @Test
  void aNodeIdOrKeyThatIsNotAPlainTokenIsRefusedAtEnrollment() throws IOException {
    Host host = new Host(null, "h", "linux", null, null, null, null);
    for (String body : new String[] {"{\"nodeId\":\"n-1\",\"nodeKey\":\"k\\r\\nX-Evil: 1\"}",
        "{\"nodeId\":\"\\u001b]0;owned\\u0007\",\"nodeKey\":\"k\"}", "{\"nodeId\":\"n\",\"nodeKey\":\"\"}"}) {
      URI collector = serve(x -> answer(x, 200, body));
      assertThatThrownBy(() -> new CollectorClient(collector, null, null).enroll("s", host)).as(body)
          .hasMessageContaining("not a plain token");
    }
    URI good = serve(x -> answer(x, 200, "{\"nodeId\":\"5f0c-11\",\"nodeKey\":\"Ab_9-x=\"}"));
    assertThat(new CollectorClient(good, null, null).enroll("s", host).getValue()).isEqualTo("Ab_9-x=");
  }

  @Test
  void aCollectorErrorBodyReachesTheTerminalWithoutControlCharacters() throws IOException {
    URI collector = serve(x -> answer(x, 500, "boom\u001b]0;owned\u0007\u001b[2J\r\nmore"));
    assertThatThrownBy(() -> new CollectorClient(collector, null, null)
        .enroll("s", new Host(null, "h", "linux", null, null, null, null)))
        .hasMessageContaining("HTTP 500 boom").message().doesNotContain("\u001b", "\u0007", "\r", "\n");
  }
}
