package dev.daylight.agent.report;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after n failures wait a uniform random time up to min(cap,
 * base * 2^n), so a fleet that lost its collector does not come back in one wave. Public for the
 * resident agent, which schedules delivery retries between scans.
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final RandomGenerator random;

  Backoff(Duration base, Duration cap, RandomGenerator random) {
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  public static Backoff standard() {
    return new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), RandomGenerator.getDefault());
  }

  public Duration delay(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    long ceiling = ceiling(failures).toMillis();
    return Duration.ofMillis(random.nextLong(ceiling + 1));
  }

  Duration ceiling(int failures) {
    int shift = Math.min(failures - 1, 30);
    long millis = base.toMillis() << shift;
    return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
  }
}
