package dev.daylight.agent.store;

import dev.daylight.protocol.Severity;

/**
 * What became of a request to acknowledge a finding. Only low, medium and info findings can be
 * acknowledged: a critical or high one (a known-malicious package, a version that changed) stays
 * open until it is fixed or a reviewer decides, so no status ever counts it as handled.
 */
public enum Acknowledgement {
  ACKNOWLEDGED,
  /** No open finding has that id (unknown, resolved, or acknowledged already). */
  NOT_OPEN,
  /** Critical or high: fix it, or ask a reviewer to approve or deny the package. */
  NEEDS_FIX_OR_REVIEW;

  /** True when a person may acknowledge a finding of this severity. */
  public static boolean allowedFor(Severity severity) {
    return !severity.atLeast(Severity.HIGH);
  }

  /** Why a refused acknowledgement was refused, in words; empty for {@link #ACKNOWLEDGED}. */
  public String refusal() {
    return switch (this) {
      case ACKNOWLEDGED -> "";
      case NOT_OPEN -> "the finding is not open (resolved, acknowledged already, or unknown)";
      case NEEDS_FIX_OR_REVIEW ->
          howToResolve(Severity.HIGH).replace("A high finding", "A critical or high finding");
    };
  }

  /**
   * How a finding of this severity gets closed, in words for the person who wanted to acknowledge
   * it.
   */
  public static String howToResolve(Severity severity) {
    return allowedFor(severity)
        ? "Acknowledge it if it is expected; it closes by itself once the cause is gone."
        : "A "
            + severity.wire()
            + " finding cannot be acknowledged: it closes when it is fixed (remove or"
            + " change the server or package) or when a reviewer approves or denies the package version.";
  }
}
