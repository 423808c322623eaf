package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a client starts a server only after the user says yes (Claude Code's project {@code
 * .mcp.json}), what the user said: approved, refused, or not asked yet (pending).
 */
public enum Approval {
  APPROVED,
  PENDING,
  REFUSED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Approval parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
