package dev.daylight.agent.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * What the human output is printed on: its width (a table is fitted to it), whether it takes colour
 * (a terminal, unless {@code NO_COLOR} or picocli's other hints say no) and the zone local times
 * are shown in.
 *
 * @param width columns available; {@link Integer#MAX_VALUE} for a pipe or file
 */
record Terminal(int width, boolean colour, ZoneId zone) {
  static final Terminal PLAIN = new Terminal(Integer.MAX_VALUE, false, ZoneId.of("UTC"));
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /**
   * The process's own stdout: {@code COLUMNS} when set, else the width picocli detects on a
   * terminal.
   */
  static Terminal current() {
    boolean tty = System.console() != null;
    int width = columns(System.getenv("COLUMNS"));
    if (width <= 0) {
      width = tty ? new UsageMessageSpec().autoWidth(true).width() : Integer.MAX_VALUE;
    }
    return new Terminal(width, tty && Ansi.AUTO.enabled(), ZoneId.systemDefault());
  }

  private static int columns(String value) {
    try {
      return value == null ? -1 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A stored instant as a person reads it: local, to the second. */
  String time(Instant at) {
    return at == null ? null : LOCAL.format(at.atZone(zone));
  }

  /**
   * {@code text} in the colour of {@code severity} (critical, high, medium, low) when colour is on.
   */
  String severity(String severity, String text) {
    if (!colour) {
      return text;
    }
    String sgr =
        switch (severity.toLowerCase(Locale.ROOT)) {
          case "critical" -> "1;31";
          case "high" -> "31";
          case "medium" -> "33";
          case "low" -> "36";
          default -> null;
        };
    return sgr == null ? text : "\u001b[" + sgr + "m" + text + "\u001b[0m";
  }
}
