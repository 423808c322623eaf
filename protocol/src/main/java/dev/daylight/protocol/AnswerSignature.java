package dev.daylight.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How the collector signs what it sends agents (the policy answer, with the fleet's decisions and
 * intel records): an Ed25519 signature over the exact bytes of the response body, in a header
 * beside the signing key's id, so the JSON stays as it is and an agent checks the bytes it parses.
 * The public key travels as base64 of its X.509 SubjectPublicKeyInfo (the enrollment answer's
 * {@code signingKey}); an agent pins it there.
 */
public final class AnswerSignature {
  /** {@code ed25519=BASE64} over the response body. */
  public static final String HEADER = "Daylight-Signature";

  /** {@link #keyId} of the key that signed, so a mismatch names both keys. */
  public static final String KEY_ID_HEADER = "Daylight-Key-Id";

  /** The signing public key (base64 SPKI), for agents enrolled before keys were pinned. */
  public static final String KEY_HEADER = "Daylight-Signing-Key";

  public static final String ALGORITHM = "Ed25519";
  private static final String PREFIX = "ed25519=";

  private AnswerSignature() {}

  /** The header value for a signature. */
  public static String header(byte[] signature) {
    return PREFIX + Base64.getEncoder().encodeToString(signature);
  }

  /** A short, stable name of a public key: the first 16 hex digits of the SHA-256 of its SPKI. */
  public static String keyId(String publicKeyBase64) {
    try {
      byte[] spki = Base64.getDecoder().decode(publicKeyBase64);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "unreadable-key";
    }
  }

  /**
   * Why {@code body} is not signed by {@code publicKeyBase64}, or empty when it is.
   *
   * @param header the {@link #HEADER} value, or null when the answer carries none
   */
  public static Optional<String> problem(String publicKeyBase64, byte[] body, String header) {
    if (header == null || header.isBlank()) {
      return Optional.of("the answer is not signed");
    }
    if (!header.startsWith(PREFIX)) {
      return Optional.of("the answer's signature is not an Ed25519 signature");
    }
    try {
      PublicKey key = publicKey(publicKeyBase64);
      Signature v = Signature.getInstance(ALGORITHM);
      v.initVerify(key);
      v.update(body);
      byte[] sig = Base64.getDecoder().decode(header.substring(PREFIX.length()).trim());
      return v.verify(sig)
          ? Optional.empty()
          : Optional.of(
              "the answer's signature does not verify with the pinned key "
                  + keyId(publicKeyBase64));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.of(
          "the answer's signature does not verify with the pinned key "
              + keyId(publicKeyBase64)
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /** An Ed25519 public key from base64 SPKI; refuses any other kind of key. */
  public static PublicKey publicKey(String base64) throws GeneralSecurityException {
    byte[] spki = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
  }
}
