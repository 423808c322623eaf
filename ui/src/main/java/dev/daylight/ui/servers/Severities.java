package dev.daylight.ui.servers;

import dev.daylight.protocol.Severity;
import java.util.Optional;

/** Severity as words and a glyph, so colour is never the only signal. */
public final class Severities {
  private Severities() {}

  public static String label(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "✖ Critical";
      case HIGH -> "▲ High";
      case MEDIUM -> "◆ Medium";
      case LOW -> "● Low";
      case INFO -> "ℹ Info";
    };
  }

  public static String label(Optional<Severity> severity) {
    return severity.map(Severities::label).orElse("✔ None");
  }

  /** Style class for the colour that goes with the words. */
  public static String styleClass(Optional<Severity> severity) {
    return severity.map(s -> "severity-" + s.wire()).orElse("severity-none");
  }
}
