package dev.daylight.agent.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces secret values by marks. Without a device key the mark is {@code <redacted>}; with one it
 * is {@code <redacted:PREFIX>}, PREFIX being the first 12 hex digits of HMAC-SHA256(deviceKey,
 * value), so a changed secret shows as a changed mark and the value never does.
 */
public final class Redactor {
  /** The mark used when no device key is available. */
  public static final String PLAIN_MARK = "<redacted>";

  private final byte[] key;
  private final SecretRules rules;

  private Redactor(byte[] key) {
    this.key = key;
    this.rules = SecretRules.builtIn();
  }

  public static Redactor withKey(Optional<byte[]> deviceKey) {
    return new Redactor(deviceKey.filter(k -> k.length > 0).map(byte[]::clone).orElse(null));
  }

  /** The mark that stands for {@code secret}. */
  public String mark(String secret) {
    if (key == null) {
      return PLAIN_MARK;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return "<redacted:" + HexFormat.of().formatHex(digest, 0, 6) + ">";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** A fresh collector for one server's values. */
  public ServerSecrets forServer() {
    return new ServerSecrets(this, rules);
  }

  /** True when {@code key} (an env or header name, a flag) names a secret. */
  public boolean secretKey(String name) {
    return rules.secretKey(name);
  }

  /** True when the value is a substitution the client performs, not a literal. */
  public boolean reference(String value) {
    return rules.reference(value);
  }

  /**
   * {@code text} (a line of someone's code, say) with every known token shape in it replaced by the
   * plain mark: for evidence that quotes text rather than a configured value.
   */
  public static String scrub(String text) {
    if (text == null) {
      return null;
    }
    SecretRules rules = SecretRules.builtIn();
    String t = text;
    for (int guard = 0; guard < 32; guard++) {
      int[] span = rules.firstSecretSpan(t);
      if (span == null) {
        break;
      }
      t = t.substring(0, span[0]) + PLAIN_MARK + t.substring(span[1]);
    }
    return t;
  }
}
