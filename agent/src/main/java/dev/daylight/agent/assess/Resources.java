package dev.daylight.agent.assess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * Reads this package's data files: word lists (one entry a line, {@code #} comments) and
 * properties.
 */
final class Resources {
  private Resources() {}

  static List<String> lines(String name) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
      return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Properties properties(String name) {
    Properties p = new Properties();
    try (InputStream in = open(name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static InputStream open(String name) {
    InputStream in = Resources.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("resource " + name + " missing from the jar");
    }
    return in;
  }
}
