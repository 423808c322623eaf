package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a client talks to an MCP server; {@code BUILTIN} is a server compiled into the client. */
public enum Transport {
  STDIO,
  HTTP,
  SSE,
  BUILTIN;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Transport parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
