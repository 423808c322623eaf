package dev.daylight.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.daylight.agent.text.VisibleMessageConverter;
import dev.daylight.agent.text.VisibleThrowableConverter;
import org.junit.jupiter.api.Test;

/**
 * The console's own layout writes what the pattern it replaces wrote, control characters made
 * visible.
 */
class ConsoleLayoutTest {
  private final LoggerContext context = new LoggerContext();

  private PatternLayout pattern() {
    PatternLayout p = new PatternLayout();
    p.setContext(context);
    p.getInstanceConverterMap().put("vmsg", VisibleMessageConverter::new);
    p.getInstanceConverterMap().put("vex", VisibleThrowableConverter::new);
    p.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %vmsg%n%vex");
    p.start();
    return p;
  }

  private LoggingEvent event(
      String logger, Level level, String message, Throwable thrown, Object... args) {
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
    for (LoggingEvent e :
        new LoggingEvent[] {
          event(
              "dev.daylight.agent.discovery.Discovery",
              Level.WARN,
              "cannot read {}: {}",
              null,
              "/h/x.json",
              "denied"),
          event("Short", Level.INFO, "plain", null),
          event(
              "dev.daylight.agent.report.CollectorClient",
              Level.ERROR,
              "failed",
              new IllegalStateException("boom", new java.io.IOException("cause"))),
          event("x", Level.DEBUG, "multi\nline", null)
        }) {
      assertThat(layout.doLayout(e)).isEqualTo(expected.doLayout(e));
    }
  }

  @Test
  void aMessageCannotForgeALine() {
    ConsoleLayout layout = new ConsoleLayout();
    layout.setContext(context);
    layout.start();
    String line =
        layout.doLayout(
            event(
                "x",
                Level.WARN,
                "server {} ok",
                new IllegalStateException("bad\u001b[2Jname"),
                "evil\n12:00:00.000 INFO  fake - 0 findings\u202e"));
    assertThat(line.lines().findFirst().orElseThrow())
        .endsWith("server evil\\n12:00:00.000 INFO  fake - 0 findings\\u202e ok");
    assertThat(line).doesNotContain("\u001b", "\u202e").contains("bad\\x1b[2Jname", "\tat ");
  }
}
