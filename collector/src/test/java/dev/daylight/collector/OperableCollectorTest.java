package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.daylight.testing.Certificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A collector that cannot serve TLS does not start; every refusal is logged with its reason. */
class OperableCollectorTest {
  @TempDir Path tmp;

  @Test
  void aKeyThatIsNotTheCertificatesStopsTheStartWithAClearErrorAndExitCode() throws Exception {
    Path certA = tmp.resolve("a.pem");
    Path keyA = tmp.resolve("a.key");
    Path certB = tmp.resolve("b.pem");
    Path keyB = tmp.resolve("b.key");
    Certificates.selfSigned(certA, keyA);
    Certificates.selfSigned(certB, keyB);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    StringWriter err = new StringWriter();
    int code =
        CollectorMain.run(
            new PrintWriter(err, true),
            "--bind",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--db",
            "sqlite:" + tmp.resolve("c.db"),
            "--enroll-secret",
            SECRET,
            "--admin-token",
            ADMIN,
            "--tls-cert",
            certA.toString(),
            "--tls-key",
            keyB.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("does not match the certificate", keyB.toString(), certA.toString())
        .doesNotContain("PRIVATE KEY");
    try (ServerSocket s = new ServerSocket(port)) {
      assertThat(s.getLocalPort()).as("nothing was left listening").isEqualTo(port);
    }
    try (Collector ok =
        Collector.start(
            new Collector.Config(
                "127.0.0.1",
                0,
                "sqlite:" + tmp.resolve("ok.db"),
                SECRET,
                ADMIN,
                certB,
                keyB,
                3600,
                null,
                null))) {
      assertThat(ok.port()).isPositive();
    }
  }

  @Test
  void eachRefusalIsLoggedWithItsReasonAndNeverTheSecretsSent() throws Exception {
    Logger routes = (Logger) LoggerFactory.getLogger("dev.daylight.collector.http.Router");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    routes.addAppender(seen);
    try (Collector c = Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 3600))) {
      Http http = new Http(c.port());
      http.get("/api/v1/policy", "stolen-looking-key-1234");
      http.post(
          "/api/v1/enroll",
          null,
          Map.of("enrollSecret", "guessed-secret-5678", "host", Fixtures.host("h", "u")));
      http.get("/api/v1/devices?limit=x", ADMIN);
    } finally {
      routes.detachAppender(seen);
    }
    assertThat(seen.list)
        .extracting(ILoggingEvent::getMessage)
        .containsExactly(
            "refused: missing or unknown credentials",
            "refused: missing or unknown credentials",
            "refused: limit must be a number");
    assertThat(seen.list)
        .allSatisfy(
            e -> {
              assertThat(e.getKeyValuePairs())
                  .anySatisfy(kv -> assertThat(kv.key).isEqualTo("reason"));
              assertThat(e.getKeyValuePairs().toString() + e.getMessage())
                  .doesNotContain("stolen-looking-key-1234")
                  .doesNotContain("guessed-secret-5678")
                  .doesNotContain(ADMIN);
            });
  }
}
