package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A full snapshot first, deltas of change events after; anything else reads as {@link #UNKNOWN}.
 */
public enum ReportKind {
  SNAPSHOT("snapshot"),
  DELTA("delta"),
  UNKNOWN("unknown");

  private final String wire;

  ReportKind(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static ReportKind parse(String text) {
    for (ReportKind k : values()) {
      if (k.wire.equals(text)) {
        return k;
      }
    }
    return UNKNOWN;
  }
}
