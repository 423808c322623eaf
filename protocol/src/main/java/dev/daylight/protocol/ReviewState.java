package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Trust in one package version: suspended means "changed since it was trusted, not yet reviewed".
 */
public enum ReviewState {
  UNREVIEWED,
  APPROVED,
  SUSPENDED,
  DENIED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ReviewState parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
