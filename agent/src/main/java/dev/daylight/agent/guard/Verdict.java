package dev.daylight.agent.guard;

/**
 * What the hook is told about one server, worst last: the hook takes the worst verdict of every
 * entry a call matches. {@link #NEEDS_APPROVAL} refuses only in enforce mode.
 */
public enum Verdict {
  ALLOW("allow"),
  /**
   * A capability class that needs approval and has none (an open unapproved-capability finding).
   */
  NEEDS_APPROVAL("needs-approval"),
  /** The package version changed and nobody approved the new one. */
  SUSPENDED("suspended"),
  /** Denied by the fleet or by a local review. */
  DENIED("denied"),
  /** A known-malicious package. */
  MALICIOUS("malicious");

  private final String token;

  Verdict(String token) {
    this.token = token;
  }

  /** The word in the decision file; the hook script compares these literally. */
  public String token() {
    return token;
  }

  public static Verdict ofToken(String token) {
    for (Verdict v : values()) {
      if (v.token.equals(token)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown verdict '" + token + "'");
  }
}
