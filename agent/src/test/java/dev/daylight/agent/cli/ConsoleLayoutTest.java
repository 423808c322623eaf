package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** The console's own layout writes what the pattern it replaces wrote. */
class ConsoleLayoutTest {
  private final LoggerContext context = new LoggerContext();

  private PatternLayout pattern() {
    PatternLayout p = new PatternLayout();
    p.setContext(context);
    p.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
    p.start();
    return p;
  }

  private LoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
    Logger l = context.getLogger(logger);
    LoggingEvent e = new LoggingEvent(Logger.class.getName(), l, level, message, thrown, args);
    e.setTimeStamp(1_764_700_000_123L);
    return e;
  }

  @Test
  void writesThePatternsLine() {
    ConsoleLayout layout = new ConsoleLayout();
    layout.setContext(context);
    layout.start();
    PatternLayout expected = pattern();
    for (LoggingEvent e : new LoggingEvent[] {
        event("dev.daylight.agent.discovery.Discovery", Level.WARN, "cannot read {}: {}", null, "/h/x.json", "denied"),
        event("Short", Level.INFO, "plain", null),
        event("dev.daylight.agent.report.CollectorClient", Level.ERROR, "failed", new IllegalStateException("boom",
            new java.io.IOException("cause"))),
        event("x", Level.DEBUG, "multi\nline", null)}) {
      assertThat(layout.doLayout(e)).isEqualTo(expected.doLayout(e));
    }
  }
}
