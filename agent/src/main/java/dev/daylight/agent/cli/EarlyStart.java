package dev.daylight.agent.cli;

import dev.daylight.agent.discovery.WalkPrefetch;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.scan.Joins;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.RecordWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.slf4j.LoggerFactory;

/**
 * Starts a plain {@code scan}'s project walk, and Logback's configuration and other set-up the
 * scan will need, before picocli builds its model: the walk is mostly system calls and picocli's
 * start mostly class loading, so on two cores they overlap. This only guesses home and depth from
 * the raw arguments; picocli still parses them, and a wrong guess costs wasted work, never a wrong
 * result ({@link WalkPrefetch} matches home and depth).
 */
final class EarlyStart {
  private EarlyStart() {}

  /** Whether this run started a walk; other commands (the resident daemon) load none of this. */
  private static volatile boolean started;
  /** Configures Logback on the warm-up thread; null when this run warms nothing. */
  private static volatile FutureTask<Object> logging;

  static void begin(String[] args) {
    if (args.length == 0 || !args[0].equals("scan")) {
      return;
    }
    String home = null;
    int depth = ScanContext.DEFAULT_WALK_DEPTH;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (a.equals("--all-users") || a.startsWith("-h") || a.equals("--help") || a.equals("-V")
          || a.equals("--version") || a.equals("--")) {
        return;
      } else if (a.equals("--home") && value != null) {
        home = value;
        i++;
      } else if (a.startsWith("--home=")) {
        home = a.substring("--home=".length());
      } else if (a.equals("--depth") && value != null) {
        depth = parseDepth(value);
        i++;
      } else if (a.startsWith("--depth=")) {
        depth = parseDepth(a.substring("--depth=".length()));
      }
    }
    if (depth < 0) {
      return;
    }
    // Not a lambda here or below: the first lambda initializes java.lang.invoke (tens of ms),
    // which this thread would pay before picocli; the helper thread pays it instead.
    // Logback's start (ConsoleLogging's appender, or with Logback's own provider its configurator
    // search and version checks) otherwise falls on the main thread at the scan's first logger.
    FutureTask<Object> configure = new FutureTask<>(new Callable<Object>() {
      @Override
      public Object call() {
        return LoggerFactory.getILoggerFactory();
      }
    });
    logging = configure;
    Thread warm = new Thread(new Runnable() {
      @Override
      public void run() {
        configure.run();
        // Then what the main thread would otherwise set up on its way: the JDK's security
        // providers behind the server ids' SHA-256, and the printer's record reflection.
        try {
          MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
          // every JDK has it; the scan will say so if not
        }
        RecordWriter.prepare(Inventory.class);
      }
    }, "daylight-warm");
    warm.setDaemon(true);
    warm.start();
    try {
      Path dir = home != null ? Path.of(home).toAbsolutePath().normalize() : Layout.currentMachine().home();
      if (Files.isDirectory(dir)) {
        started = true;
        WalkPrefetch.start(dir, depth);
      }
    } catch (InvalidPathException | SecurityException e) {
      // picocli will say what is wrong with the argument
    }
  }

  /**
   * Waits until the warm-up thread has configured Logback. The scan calls this before its first
   * logger: one asked for during SLF4J's initialization is a substitute whose calls SLF4J replays
   * with a warning on stderr.
   */
  static void awaitLogging() {
    FutureTask<Object> configure = logging;
    if (configure != null) {
      Joins.await(configure, "logging set-up");
    }
  }

  /** Forgets a walk this run did not use. */
  static void end() {
    if (started) {
      started = false;
      WalkPrefetch.discard();
    }
  }

  private static int parseDepth(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
