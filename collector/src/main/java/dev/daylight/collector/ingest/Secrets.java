package dev.daylight.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Node keys are random and stored only as their SHA-256, so a copy of the database enrolls nobody.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  // Every request hashes its bearer key; looking the algorithm up each time cost more than hashing.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private Secrets() {}

  static String newKey() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String sha256(String text) {
    MessageDigest d = SHA256.get();
    d.reset();
    return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Compares without leaking where the first difference is. */
  public static boolean same(String given, String expected) {
    if (given == null || expected == null) {
      return false;
    }
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
