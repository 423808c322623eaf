package dev.daylight.agent.daemon;

import dev.daylight.agent.platform.AtomicWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a scan child tells the resident agent, in plain text files of the state folder, so the
 * resident reads them without a JSON parser: the paths to watch (one per line) and the scan
 * interval the fleet policy asks for (seconds). Each file is replaced atomically, so the resident
 * never reads half of one. The exit code says whether reports are still waiting for delivery.
 */
public final class ChildContract {
  /** Exit code of a child whose scan went fine but whose reports are still queued (EX_TEMPFAIL). */
  public static final int DELIVERY_PENDING = 75;

  /** The child's work is done (the CLI's success status). */
  public static final int OK = 0;

  /**
   * The child failed; the resident tries again at the next change or interval (the CLI's runtime
   * failure).
   */
  public static final int FAILED = 3;

  static final String WATCH_FILE = "agent-watch.txt";
  static final String INTERVAL_FILE = "agent-interval.txt";

  private ChildContract() {}

  /** Replaces the watch list: config files and folders, missing ones included. */
  public static void writeWatchList(Path stateDir, Collection<Path> paths) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Path p : paths) {
      String s = p.toAbsolutePath().normalize().toString();
      if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) { // a line per path cannot hold these
        sb.append(s).append('\n');
      }
    }
    replace(stateDir.resolve(WATCH_FILE), sb.toString());
  }

  /** The last watch list a child wrote; empty before the first scan. */
  static Set<Path> readWatchList(Path stateDir) {
    Set<Path> out = new LinkedHashSet<>();
    for (String line : read(stateDir.resolve(WATCH_FILE)).orElse("").split("\n")) {
      if (!line.isBlank()) {
        try {
          out.add(Path.of(line));
        } catch (InvalidPathException e) {
          // written by another OS or damaged: skip the line, keep the rest
        }
      }
    }
    return out;
  }

  /** Records the policy's scan interval, or removes it (the command line's interval applies). */
  public static void writeInterval(Path stateDir, Optional<Duration> interval) throws IOException {
    Path file = stateDir.resolve(INTERVAL_FILE);
    if (interval.isEmpty() || interval.get().isZero() || interval.get().isNegative()) {
      Files.deleteIfExists(file);
    } else if (!readInterval(stateDir).equals(interval)) {
      replace(file, interval.get().toSeconds() + "\n");
    }
  }

  static Optional<Duration> readInterval(Path stateDir) {
    try {
      return read(stateDir.resolve(INTERVAL_FILE))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(Long::parseLong)
          .filter(s -> s > 0)
          .map(Duration::ofSeconds);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void replace(Path file, String text) throws IOException {
    AtomicWrite.replace(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
