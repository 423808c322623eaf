package dev.daylight.agent.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Test-only: when {@code daylight.test.slowLogbackStart} names milliseconds, Logback's start takes
 * that much longer before {@link ConsoleLogging} configures it, so a test can show that the scan
 * waits for the warm-up thread's logging set-up instead of racing it. Ranked first; without the
 * property it does nothing and hands over at once.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class SlowLogbackStart extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    long millis = Long.getLong("daylight.test.slowLogbackStart", 0);
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ExecutionStatus.NEUTRAL;
  }
}
