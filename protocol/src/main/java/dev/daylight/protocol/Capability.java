package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Something a package or server can do that moves content out or changes things, with where that
 * was seen.
 *
 * @param cls the class: {@code email-send}, {@code messaging}, {@code http-fetch}, {@code
 *     filesystem-write}, {@code shell-exec}, {@code database}, {@code cloud-admin}, {@code
 *     source-control}, {@code payments}, {@code calendar-docs}
 * @param evidence the file and line (or tool name, or host) that shows it
 */
public record Capability(@JsonProperty("class") String cls, Evidence evidence) {
  public Capability {
    Checks.required(cls, "class");
  }
}
