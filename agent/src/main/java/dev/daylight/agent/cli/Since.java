package dev.daylight.agent.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --since}: an ISO-8601 instant ({@code 2026-11-25T04:00:00Z}) or an age ({@code 90m},
 * {@code 24h}, {@code 7d}).
 */
final class Since implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    return parse(value, Clock.systemUTC());
  }

  static Instant parse(String value, Clock clock) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.matches("\\d+[smhd]")) {
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      Duration d =
          switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return clock.instant().minus(d);
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is neither an ISO-8601 instant nor an age like 24h");
    }
  }
}
