package dev.daylight.ui.data;

import java.util.Locale;

/**
 * Trust in a server's package as the person sees it: the review state, unless intel says the
 * package is malicious, which trumps any review.
 */
public enum ServerStatus {
  MALICIOUS,
  DENIED,
  SUSPENDED,
  UNREVIEWED,
  APPROVED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
