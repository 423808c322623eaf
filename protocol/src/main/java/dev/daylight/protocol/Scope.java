package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a server definition comes from: the user's own file, a project, a managed file, an
 * extension, or the user's cloud account (a claude.ai or ChatGPT connector, of which the disk keeps
 * only a trace: a name, no launch line).
 */
public enum Scope {
  USER,
  PROJECT,
  SYSTEM,
  EXTENSION,
  CLOUD;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Scope parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
