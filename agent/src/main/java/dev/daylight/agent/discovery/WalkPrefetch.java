package dev.daylight.agent.discovery;

import dev.daylight.agent.catalog.Catalog;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Lets a CLI start the project walk before its own start-up (argument parsing, class loading), so
 * the two overlap. The next {@link Discovery#run(dev.daylight.agent.scan.ScanContext)} of the same
 * home and depth uses the walk; any other run ignores it and walks itself, so the result is the
 * same either way. Kept apart from {@link Discovery} so starting it initializes no logging.
 */
public final class WalkPrefetch {
  private static final AtomicReference<BackgroundWalk> PENDING = new AtomicReference<>();

  private WalkPrefetch() {}

  /** Starts walking {@code home} (absolute and normalized, as a scan context holds it) now. */
  public static void start(Path home, int depth) {
    PENDING.set(BackgroundWalk.start(new Supplier<Catalog>() { // no lambda: see EarlyStart
      @Override
      public Catalog get() {
        return Catalog.builtIn();
      }
    }, home, depth));
  }

  /** Forgets a walk nobody took, so a later run in this process cannot see a stale tree. */
  public static void discard() {
    PENDING.set(null);
  }

  static BackgroundWalk take() {
    return PENDING.getAndSet(null);
  }

  /** The walk waiting to be taken, if any (tests wait on it). */
  static BackgroundWalk pending() {
    return PENDING.get();
  }
}
