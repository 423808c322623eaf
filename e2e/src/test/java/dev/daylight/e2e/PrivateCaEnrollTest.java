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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
  private static final String PW = "changeit";
  @TempDir Path tmp;
  private Path caPem;
  private Path chainPem;
  private Path keyPem;
  private X509Certificate leaf;

  @BeforeEach
  void makeCompanyCa() throws Exception {
    keytool(
        "-genkeypair",
        "-keystore",
        "ca.p12",
        "-alias",
        "ca",
        "-dname",
        "CN=Example Corp Root CA",
        "-ext",
        "bc:c",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1");
    keytool(
        "-genkeypair",
        "-keystore",
        "srv.p12",
        "-alias",
        "srv",
        "-dname",
        "CN=collector.corp.example",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1");
    keytool("-certreq", "-keystore", "srv.p12", "-alias", "srv", "-file", "srv.csr");
    keytool(
        "-gencert",
        "-keystore",
        "ca.p12",
        "-alias",
        "ca",
        "-infile",
        "srv.csr",
        "-outfile",
        "srv.pem",
        "-rfc",
        "-ext",
        "san=ip:127.0.0.1");
    keytool("-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc", "-file", "ca.pem");
    caPem = tmp.resolve("ca.pem");
    chainPem =
        Files.writeString(
            tmp.resolve("chain.pem"),
            Files.readString(tmp.resolve("srv.pem")) + Files.readString(caPem));
    KeyStore srv = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(tmp.resolve("srv.p12"))) {
      srv.load(in, PW.toCharArray());
    }
    PrivateKey key = (PrivateKey) srv.getKey("srv", PW.toCharArray());
    keyPem =
        Files.writeString(
            tmp.resolve("key.pem"),
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    leaf =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(Files.readAllBytes(tmp.resolve("srv.pem"))));
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

  private void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(
        List.of(
            "-storetype",
            "PKCS12",
            "-storepass",
            PW,
            "-keypass",
            PW,
            "-validity",
            "2",
            "-noprompt"));
    if (args[0].equals("-exportcert") || args[0].equals("-certreq")) {
      cmd.removeAll(List.of("-validity", "2"));
    }
    Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("keytool %s: %s", args[0], out).isZero();
  }
}
