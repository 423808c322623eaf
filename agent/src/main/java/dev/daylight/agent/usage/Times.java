package dev.daylight.agent.usage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The time stamps client records carry, as epoch milliseconds. */
final class Times {
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

  private Times() {}

  /** An ISO-8601 instant ({@code 2026-02-01T14:59:16.906Z}). */
  static long iso(String text) {
    if (text == null) {
      throw new IllegalArgumentException("record without a time");
    }
    return Instant.parse(text).toEpochMilli();
  }

  /**
   * A log time: ISO-8601 with a zone, or VS Code's local {@code 2025-03-23 16:38:00.970}, which is
   * the time of the machine that wrote it (taken as this machine's zone).
   */
  static long logTime(String text) {
    if (text.indexOf('T') > 0) {
      return iso(text);
    }
    try {
      return LocalDateTime.parse(text, LOCAL)
          .atZone(ZoneId.systemDefault())
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("unreadable log time", e);
    }
  }
}
