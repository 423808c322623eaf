package dev.daylight.ui.tray;

import dev.daylight.protocol.Severity;
import java.util.Optional;

/** The tray icon's three states; each has a colour and a shape so colour is not the only signal. */
public enum TrayLevel {
  CLEAR("clear"),
  ATTENTION("attention"),
  DANGER("danger");

  private final String word;

  TrayLevel(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** High and critical are danger; medium and low need attention; info alone is clear. */
  public static TrayLevel of(Optional<Severity> worst) {
    if (worst.isEmpty()) {
      return CLEAR;
    }
    return switch (worst.get()) {
      case CRITICAL, HIGH -> DANGER;
      case MEDIUM, LOW -> ATTENTION;
      case INFO -> CLEAR;
    };
  }
}
