package dev.daylight.agent.platform;

import java.util.Locale;

/** The operating-system layouts Daylight knows; the wire spelling is the lower-case name. */
public enum Os {
  LINUX,
  MACOS,
  WINDOWS;

  /** The spelling used on the command line and in {@code Host.os}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code linux}, {@code macos} or {@code windows} (case-insensitive). */
  public static Os parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "linux" -> LINUX;
      case "macos", "mac", "darwin", "osx" -> MACOS;
      case "windows", "win" -> WINDOWS;
      default ->
          throw new IllegalArgumentException(
              "unknown OS '" + text + "' (expected linux, macos or windows)");
    };
  }

  /** The OS this JVM runs on; the only reader of {@code os.name} in the codebase. */
  public static Os current() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (name.startsWith("windows")) {
      return WINDOWS;
    }
    if (name.startsWith("mac") || name.startsWith("darwin")) {
      return MACOS;
    }
    return LINUX;
  }
}
