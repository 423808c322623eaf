package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.cli.Main;
import dev.daylight.agent.managed.AutoEnroll;
import dev.daylight.agent.managed.AutoEnroll.Outcome;
import dev.daylight.agent.managed.EnrollmentState;
import dev.daylight.agent.managed.ManagedConfig;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.collector.Collector;
import dev.daylight.testing.CompanyCa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company collector whose certificate comes from the company's own CA (made here with the JDK's
 * keytool): the agent enrolls from agent.conf only when ca_file or pin says how to trust it, and
 * otherwise fails with the reason in words, recorded for `daylight status`.
 */
class PrivateCaEnrollTest {
  @TempDir Path tmp;
  private Path caPem;
  private Path chainPem;
  private Path keyPem;
  private X509Certificate leaf;

  @BeforeEach
  void makeCompanyCa() throws Exception {
    CompanyCa ca = CompanyCa.makeIn(tmp);
    caPem = ca.caPem();
    chainPem = ca.chainPem();
    keyPem = ca.keyPem();
    leaf = ca.leaf();
  }

  @Test
  void enrollsOnlyWithTheCompanyCaOrAPinAndSaysWhyOtherwise() throws Exception {
    int port = Loopback.freePort();
    String spki =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded()));
    String spkiBase64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(spki));
    try (Collector collector =
        Collector.start(
            new Collector.Config(
                "127.0.0.1",
                port,
                "sqlite:" + tmp.resolve("c.db"),
                Loopback.SECRET,
                Loopback.ADMIN,
                chainPem,
                keyPem,
                3600,
                null,
                null))) {
      Path plain = tmp.resolve("plain");
      assertThat(AutoEnroll.ensure(plain, conf(port, ""))).isEqualTo(Outcome.FAILED);
      assertThat(EnrollmentState.load(plain).orElseThrow().reason())
          .contains("certificate is not trusted")
          .contains("ca_file")
          .contains("pin");
      assertThat(status(plain))
          .contains(
              "collector:     NOT ENROLLED: enrollment with https://127.0.0.1:"
                  + port
                  + " failed at ")
          .contains("not trusted");

      Path wrongPin = tmp.resolve("wrong-pin");
      assertThat(AutoEnroll.ensure(wrongPin, conf(port, "pin = " + "ab".repeat(32) + "\n")))
          .isEqualTo(Outcome.FAILED);
      assertThat(EnrollmentState.load(wrongPin).orElseThrow().reason())
          .contains("does not match the configured pin")
          .contains(spki);

      Path withCa = tmp.resolve("with-ca");
      assertThat(AutoEnroll.ensure(withCa, conf(port, "ca_file = " + caPem + "\n")))
          .isEqualTo(Outcome.ENROLLED);
      assertThat(EnrollmentState.load(withCa).orElseThrow().enrolled()).isTrue();
      assertThat(status(withCa))
          .contains("collector:     enrolled with https://127.0.0.1:" + port + " as node ");

      Path pinned = tmp.resolve("pinned");
      assertThat(AutoEnroll.ensure(pinned, conf(port, "pin = sha256/" + spkiBase64 + "\n")))
          .isEqualTo(Outcome.ENROLLED);
      assertThat(dev.daylight.agent.report.Credentials.load(pinned)).isPresent();
      assertThat(dev.daylight.agent.report.Credentials.load(plain)).isEmpty();
    }
  }

  private java.util.function.Supplier<ManagedConfig> conf(int port, String extra)
      throws IOException {
    Path file =
        Files.writeString(
            Files.createTempFile(tmp, "agent", ".conf"),
            "collector = https://127.0.0.1:"
                + port
                + "\nenroll_secret = "
                + Loopback.SECRET
                + "\n"
                + extra);
    return () ->
        ManagedConfig.load(
            Layout.of(Os.LINUX, tmp), Map.of(ManagedConfig.OVERRIDE_ENV, file.toString()));
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
