package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a {@link ChangeEvent} records. A type this build does not know (a newer agent's) reads as
 * {@link #UNKNOWN}, so every switch over it is exhaustive and still handles what it cannot read.
 */
public enum ChangeType {
  SERVER_ADDED("server-added"),
  SERVER_REMOVED("server-removed"),
  SERVER_CHANGED("server-changed"),
  PACKAGE_VERSION_CHANGED("package-version-changed"),
  FINDING_OPENED("finding-opened"),
  FINDING_RESOLVED("finding-resolved"),
  REVIEW_CHANGED("review-changed"),
  /**
   * A call the guard hook refused, or in audit mode would have refused; the body is the spool line.
   */
  GUARD_CALL("guard-call"),
  UNKNOWN("unknown");

  private final String wire;

  ChangeType(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static ChangeType parse(String text) {
    for (ChangeType t : values()) {
      if (t.wire.equals(text)) {
        return t;
      }
    }
    return UNKNOWN;
  }
}
