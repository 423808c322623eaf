package dev.daylight.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A company's own CA and a collector certificate it issued for 127.0.0.1, made with the JDK's
 * keytool, as PEM files the collector serves and the agent's ca_file names.
 */
public record CompanyCa(Path caPem, Path chainPem, Path keyPem) {
  private static final String PW = "changeit";

  /** Makes the CA and the collector certificate in {@code dir}. */
  public static CompanyCa makeIn(Path dir) throws Exception {
    keytool(
        dir,
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
        "secp256r1",
        "-validity",
        "2");
    keytool(
        dir,
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
        "secp256r1",
        "-validity",
        "2");
    keytool(dir, "-certreq", "-keystore", "srv.p12", "-alias", "srv", "-file", "srv.csr");
    keytool(
        dir,
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
        "san=ip:127.0.0.1",
        "-validity",
        "2");
    keytool(dir, "-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc", "-file", "ca.pem");
    Path chain =
        Files.writeString(
            dir.resolve("chain.pem"),
            Files.readString(dir.resolve("srv.pem")) + Files.readString(dir.resolve("ca.pem")));
    KeyStore srv = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(dir.resolve("srv.p12"))) {
      srv.load(in, PW.toCharArray());
    }
    PrivateKey key = (PrivateKey) srv.getKey("srv", PW.toCharArray());
    Path keyPem =
        Files.writeString(
            dir.resolve("key.pem"),
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    return new CompanyCa(dir.resolve("ca.pem"), chain, keyPem);
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PW, "-keypass", PW, "-noprompt"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + out.strip());
    }
  }

  /** The collector's certificate (the chain's first). */
  public X509Certificate leaf() throws IOException, CertificateException {
    try (var in = Files.newInputStream(chainPem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
