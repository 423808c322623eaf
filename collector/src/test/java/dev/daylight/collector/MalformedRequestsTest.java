package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests broken below the JSON (escapes, encodings, bodies cut short), sent byte by byte over a
 * raw socket because a well-behaved client refuses to send them: each is the client's 4xx.
 */
class MalformedRequestsTest {
  @TempDir Path tmp;
  Collector collector;
  String key;

  @BeforeEach
  void start() throws Exception {
    collector = Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 3600));
    key =
        new Http(collector.port())
            .post(
                "/api/v1/enroll",
                null,
                Map.of("enrollSecret", SECRET, "host", Fixtures.host("a", "ann")))
            .json()
            .get("nodeKey")
            .asText();
  }

  @AfterEach
  void stop() throws Exception {
    collector.close();
  }

  /** The status line the collector answers {@code head} and {@code body} with. */
  String exchange(String head, String body, boolean halfClose) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), collector.port())) {
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      out.write((head + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      if (halfClose) {
        socket.shutdownOutput();
      }
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  String get(String target, String token) throws Exception {
    return exchange(
        "GET "
            + target
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + token
            + "\r\nConnection: close\r\n",
        "",
        false);
  }

  @Test
  void aBadEscapeOrNonUtf8InTheQueryIsA400() throws Exception {
    assertThat(get("/api/v1/policy?intelCursor=%zz", key)).startsWith("HTTP/1.1 400");
    assertThat(get("/api/v1/devices?q=%C3%28", ADMIN)).startsWith("HTTP/1.1 400");
    assertThat(get("/api/v1/fleet/servers?q=%zz", ADMIN)).startsWith("HTTP/1.1 400");
  }

  @Test
  void aBodyCutShortOrABrokenChunkedBodyIsA400() throws Exception {
    String post =
        "POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + key
            + "\r\nContent-Type: application/json\r\n";
    // The client sends 20 of 200 promised bytes, then stops sending.
    assertThat(exchange(post + "Content-Length: 200\r\n", "{\"schemaVersion\":1,", true))
        .startsWith("HTTP/1.1 400");
    // A chunk size that is not hexadecimal.
    assertThat(exchange(post + "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n", false))
        .startsWith("HTTP/1.1 400");
  }

  /** A body trickled a byte every half second is refused once its grace is over, not read on. */
  @Test
  void aBodyTrickledSlowerThanTheMinimumRateIsA408() throws Exception {
    assertThat(trickled(1000)).startsWith("HTTP/1.1 408");
  }

  /**
   * A body declared over the cap and trickled is dropped for a few seconds at most, then refused:
   * reading it to its end would hold a request thread for hours.
   */
  @Test
  void aTooLargeBodyTrickledIsRefusedWithoutReadingItToItsEnd() throws Exception {
    assertThat(trickled(16 * 1024 + 1)).startsWith("HTTP/1.1 413");
  }

  /**
   * The status line of an enrollment whose body of {@code length} bytes is sent a byte every half
   * second (unrefused, for far longer than the socket waits).
   */
  private String trickled(int length) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), collector.port())) {
      socket.setSoTimeout(60_000);
      var out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/enroll HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + length
                  + "\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread trickle =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 200; i++) {
                    Thread.sleep(500);
                    out.write(' ');
                    out.flush();
                  }
                } catch (Exception e) {
                  // the collector closed the connection: the trickle is over
                }
              });
      trickle.setDaemon(true);
      trickle.start();
      try {
        return new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
            .readLine();
      } finally {
        trickle.interrupt();
      }
    }
  }
}
