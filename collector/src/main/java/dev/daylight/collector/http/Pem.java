package dev.daylight.collector.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PEM certificate chain and PKCS#8 key as the in-memory key store Jetty wants. */
final class Pem {
  static final String PASSWORD = "daylight";
  private static final Pattern KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private Pem() {}

  static KeyStore keyStore(Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
    List<? extends Certificate> chain;
    try (var in = Files.newInputStream(certPem)) {
      chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + certPem);
    }
    Matcher m = KEY.matcher(Files.readString(keyPem));
    if (!m.find()) {
      throw new GeneralSecurityException(
          keyPem
              + " holds no PKCS#8 key (BEGIN PRIVATE KEY);"
              + " convert with: openssl pkcs8 -topk8 -nocrypt");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    PrivateKey key = null;
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    if (key == null) {
      throw new GeneralSecurityException("unsupported private key in " + keyPem);
    }
    requireMatch(key, chain.get(0), certPem, keyPem);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("collector", key, PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
    return ks;
  }

  /**
   * The key must be the certificate's: otherwise the server starts, says it listens, and every
   * handshake fails. A signature made with the key is checked with the certificate's public key.
   */
  static void requireMatch(PrivateKey key, Certificate cert, Path certPem, Path keyPem)
      throws GeneralSecurityException {
    String alg =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448
        };
    byte[] probe =
        "daylight-collector key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    boolean matches;
    try {
      Signature sign = Signature.getInstance(alg);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(alg);
      verify.initVerify(cert.getPublicKey());
      verify.update(probe);
      matches = verify.verify(signature);
    } catch (java.security.InvalidKeyException | java.security.SignatureException e) {
      matches = false; // a key of another algorithm than the certificate's
    }
    if (!matches) {
      throw new GeneralSecurityException(
          "the TLS key in "
              + keyPem
              + " does not match the certificate in "
              + certPem
              + " (its public key is another key's): refusing to start");
    }
  }
}
