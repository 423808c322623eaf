package dev.daylight.agent.text;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} for plain-text logs, through {@link Visible}: a server name holding a
 * newline or an escape sequence cannot forge a log line or repaint a terminal tailing the log.
 */
public final class VisibleMessageConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Visible.of(event.getFormattedMessage());
  }
}
