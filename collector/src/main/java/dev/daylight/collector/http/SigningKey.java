package dev.daylight.collector.http;

import dev.daylight.protocol.AnswerSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's own Ed25519 key, which signs every policy answer (fleet decisions and intel) so
 * an agent that pinned its public key at enrollment applies only what this collector sent. Kept in
 * a PEM file (PKCS#8 private key and SPKI public key, 0600) made on first start; every collector of
 * one fleet (several behind a balancer) must be given the same file.
 */
public final class SigningKey {
  private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN (PRIVATE|PUBLIC) KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1 KEY-----");

  private final PrivateKey privateKey;
  private final String publicKeyBase64;

  private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKeyBase64 = Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  /** The key in {@code file}, made there (0600) when the file does not exist yet. */
  public static SigningKey loadOrCreate(Path file) throws IOException {
    try {
      if (Files.exists(file)) {
        ownerOnly(file);
        return read(Files.readString(file, StandardCharsets.US_ASCII), file);
      }
      KeyPair pair = KeyPairGenerator.getInstance(AnswerSignature.ALGORITHM).generateKeyPair();
      String pem =
          pem("PRIVATE", pair.getPrivate().getEncoded())
              + pem("PUBLIC", pair.getPublic().getEncoded());
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp =
          parent.getFileSystem().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  parent,
                  "signing",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(parent, "signing", ".tmp");
      try {
        Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
        Files.move(tmp, file);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // Another collector sharing the folder made it first: every collector must sign alike.
        return read(Files.readString(file, StandardCharsets.US_ASCII), file);
      } finally {
        // Never leave a copy of a private key behind, whatever failed.
        Files.deleteIfExists(tmp);
      }
      SigningKey key = new SigningKey(pair.getPrivate(), pair.getPublic());
      log.atInfo()
          .addKeyValue("file", file.toString())
          .addKeyValue("keyId", key.keyId())
          .log("made a new answer-signing key; give every collector of this fleet the same file");
      return key;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make an Ed25519 key: " + e.getMessage(), e);
    }
  }

  /**
   * A key for this process only (embedded use without a key file): agents that pin it refuse the
   * answers after a restart.
   */
  public static SigningKey ephemeral() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(AnswerSignature.ALGORITHM).generateKeyPair();
      return new SigningKey(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whoever reads the key can sign policy that every agent of the fleet applies: a file open to
   * other accounts (a copy, a restore, a umask) is set back to rw------- and the change logged, as
   * the agent does with its node key; where that is not ours to change (a read-only mount), the log
   * says so and the key is still used.
   */
  private static void ownerOnly(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      if (!Collections.disjoint(perms, NOT_OWNER)) {
        view.setPermissions(PosixFilePermissions.fromString("rw-------"));
        log.atWarn()
            .addKeyValue("file", file.toString())
            .addKeyValue("was", PosixFilePermissions.toString(perms))
            .log("the answer-signing key was open to other accounts; set back to rw-------");
      }
    } catch (IOException e) {
      log.atWarn()
          .addKeyValue("file", file.toString())
          .log(
              "cannot check or tighten the answer-signing key's permissions ("
                  + e.getMessage()
                  + "): make it readable by the collector's account only");
    }
  }

  private static final Set<PosixFilePermission> NOT_OWNER =
      EnumSet.complementOf(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));

  private static SigningKey read(String text, Path file)
      throws IOException, GeneralSecurityException {
    byte[] priv = null;
    byte[] pub = null;
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (m.group(1).equals("PRIVATE")) {
        priv = der;
      } else {
        pub = der;
      }
    }
    if (priv == null || pub == null) {
      throw new IOException(
          file
              + " must hold an Ed25519 PRIVATE KEY and its PUBLIC KEY in PEM"
              + " (openssl genpkey -algorithm ed25519 -out F; openssl pkey -in F -pubout >> F)");
    }
    KeyFactory kf = KeyFactory.getInstance(AnswerSignature.ALGORITHM);
    SigningKey key =
        new SigningKey(
            kf.generatePrivate(new PKCS8EncodedKeySpec(priv)),
            kf.generatePublic(new X509EncodedKeySpec(pub)));
    byte[] probe = "daylight-signing-key-check".getBytes(StandardCharsets.US_ASCII);
    if (AnswerSignature.problem(key.publicKeyBase64, probe, AnswerSignature.header(key.sign(probe)))
        .isPresent()) {
      throw new IOException(file + ": the public key is not the private key's");
    }
    return key;
  }

  private static String pem(String kind, byte[] der) {
    return "-----BEGIN "
        + kind
        + " KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + kind
        + " KEY-----\n";
  }

  /** The Ed25519 signature of {@code body}. */
  public byte[] sign(byte[] body) {
    try {
      Signature s = Signature.getInstance(AnswerSignature.ALGORITHM);
      s.initSign(privateKey);
      s.update(body);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64 of the public key's SPKI, as the enrollment answer gives it. */
  public String publicKeyBase64() {
    return publicKeyBase64;
  }

  public String keyId() {
    return AnswerSignature.keyId(publicKeyBase64);
  }

  @Override
  public String toString() {
    return "SigningKey[" + keyId() + "]";
  }
}
