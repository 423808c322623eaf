package dev.daylight.agent.change;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Package identity helpers: trust is tracked per package (purl without version) and version. */
public final class Purls {
  private Purls() {}

  /** {@code pkg:npm/%40scope/name@1.2.3?x=y} becomes {@code pkg:npm/%40scope/name}. */
  public static String base(String purl) {
    String p = purl;
    int hash = p.indexOf('#');
    if (hash >= 0) {
      p = p.substring(0, hash);
    }
    int query = p.indexOf('?');
    if (query >= 0) {
      p = p.substring(0, query);
    }
    int slash = p.lastIndexOf('/');
    int at = p.indexOf('@', Math.max(slash, 0));
    return at >= 0 ? p.substring(0, at) : p;
  }

  /** A stable id for a finding the agent itself raises: same rule and subject, same id. */
  static String findingId(String rule, String... subject) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(rule.getBytes(StandardCharsets.UTF_8));
      for (String part : subject) {
        sha.update((byte) 0);
        sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
      }
      return rule + ":" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
