package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.cli.Main;
import dev.daylight.collector.Collector;
import dev.daylight.testing.Certificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrollment over real TLS with {@code --ca}: a PEM file that also holds the private key (as a
 * hurried admin might hand it over) enrolls, and only the certificate is kept in collector.json.
 */
class TlsEnrollTest {
  @TempDir Path tmp;

  @Test
  void enrollsWithACaFileAndKeepsOnlyItsCertificate() throws Exception {
    Path cert = tmp.resolve("cert.pem");
    Path key = tmp.resolve("key.pem");
    Certificates.selfSigned(cert, key);
    Path bundle = tmp.resolve("bundle.pem");
    Files.writeString(bundle, Files.readString(key) + Files.readString(cert));
    Path state = tmp.resolve("state");
    int port = Loopback.freePort();
    try (Collector collector =
        Collector.start(
            new Collector.Config(
                "127.0.0.1",
                port,
                "sqlite:" + tmp.resolve("c.db"),
                Loopback.SECRET,
                Loopback.ADMIN,
                cert,
                key,
                3600,
                null,
                null))) {
      assertThat(
              Main.run(
                  "enroll",
                  "--collector",
                  "https://127.0.0.1:" + port,
                  "--secret",
                  Loopback.SECRET,
                  "--ca",
                  tmp.resolve("absent.pem").toString(),
                  "--state-dir",
                  state.toString()))
          .isEqualTo(2);
      assertThat(state.resolve("collector.json")).doesNotExist();

      assertThat(
              Main.run(
                  "enroll",
                  "--collector",
                  "https://127.0.0.1:" + port,
                  "--secret",
                  Loopback.SECRET,
                  "--ca",
                  bundle.toString(),
                  "--state-dir",
                  state.toString()))
          .isZero();
    }
    String stored = Files.readString(state.resolve("collector.json"));
    assertThat(stored).contains("BEGIN CERTIFICATE").doesNotContain("PRIVATE KEY");
  }
}
