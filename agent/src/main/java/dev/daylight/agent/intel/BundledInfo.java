package dev.daylight.agent.intel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the snapshot in the jar holds, as the build recorded it: source, licence, the newest
 * record's date, and line counts ({@code intel status} shows them; a line is one record and
 * package, withdrawn records are tombstones that match nothing).
 */
public record BundledInfo(
    String source,
    String licence,
    Optional<Instant> dataDate,
    int lines,
    int withdrawn,
    Map<String, Integer> linesPerEcosystem,
    long bytes) {
  static final String FILE = "osv-snapshot.properties";

  /** The jar's record of its snapshot; empty when the build did not make one. */
  public static Optional<BundledInfo> load() {
    try (InputStream in = Intel.class.getResourceAsStream(FILE)) {
      if (in == null) {
        return Optional.empty();
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, Integer> perEco = new TreeMap<>();
      for (String k : p.stringPropertyNames()) {
        if (k.startsWith("lines.")) {
          perEco.put(k.substring(6), Integer.parseInt(p.getProperty(k)));
        }
      }
      return Optional.of(
          new BundledInfo(
              p.getProperty("source", "unknown"),
              p.getProperty("licence", "unknown"),
              instant(p.getProperty("dataDate", "")),
              Integer.parseInt(p.getProperty("lines", "0")),
              Integer.parseInt(p.getProperty("withdrawn", "0")),
              perEco,
              Long.parseLong(p.getProperty("bytes", "0"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Instant> instant(String text) {
    try {
      return text.isBlank() ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
