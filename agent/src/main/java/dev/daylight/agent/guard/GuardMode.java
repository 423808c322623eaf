package dev.daylight.agent.guard;

import java.util.Locale;

/** How the guard hook treats a call Daylight would refuse. */
public enum GuardMode {
  /** The hook answers allow at once and records nothing. */
  OFF,
  /**
   * Record every call, never block: the default, so installing the hook cannot break anyone's work.
   */
  AUDIT,
  /** Refuse calls to servers Daylight distrusts, with the reason. */
  ENFORCE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code off}, {@code audit} or {@code enforce}. */
  public static GuardMode parse(String text) {
    for (GuardMode m : values()) {
      if (m.wire().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "guard mode must be off, audit or enforce, not '" + text + "'");
  }
}
