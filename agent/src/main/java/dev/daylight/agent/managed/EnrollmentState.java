package dev.daylight.agent.managed;

import dev.daylight.agent.platform.AtomicWrite;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The last automatic enrollment attempt, kept in the state folder so {@code daylight status}, the
 * tray and the installers can say whether the agent is enrolled and, if not, why, in words.
 *
 * @param enrolled whether the attempt succeeded
 * @param at when it was made
 * @param collector the collector address as shown (credentials redacted)
 * @param reason why it failed; empty when it succeeded
 */
public record EnrollmentState(boolean enrolled, Instant at, String collector, String reason) {
  static final String FILE = "enrollment.properties";

  /** The last attempt recorded in {@code stateDir}, if any. */
  public static Optional<EnrollmentState> load(Path stateDir) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(stateDir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return Optional.of(
          new EnrollmentState(
              "enrolled".equals(p.getProperty("state")),
              Instant.parse(p.getProperty("at")),
              p.getProperty("collector", ""),
              p.getProperty("reason", "")));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  void save(Path stateDir) {
    Properties p = new Properties();
    p.setProperty("state", enrolled ? "enrolled" : "failed");
    p.setProperty("at", at.toString());
    p.setProperty("collector", collector);
    p.setProperty("reason", reason);
    try {
      StringWriter w = new StringWriter();
      p.store(w, "last automatic enrollment (written by the agent)");
      // Owner-only whatever the umask: the reason may name the collector's answer.
      AtomicWrite.replace(
          stateDir.resolve(FILE),
          w.toString().getBytes(StandardCharsets.UTF_8),
          AtomicWrite.mode("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One line for people: {@code enrolled with X at T} or {@code enrollment with X failed at T:
   * why}.
   */
  public String describe() {
    return enrolled
        ? "enrolled with " + collector + " at " + at
        : "enrollment with " + collector + " failed at " + at + ": " + reason;
  }
}
