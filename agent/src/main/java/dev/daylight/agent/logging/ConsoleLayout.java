package dev.daylight.agent.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import dev.daylight.agent.text.Visible;
import dev.daylight.agent.text.VisibleThrowable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The console's log line, {@code %d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n} and the stack
 * trace, as {@code PatternLayout} writes it. Not a {@code PatternLayout}: starting one (its
 * converter table, pattern parser and the time zone rules for the date) costs CPU on every CLI
 * start, and a scan usually logs nothing at all, so this sets up its clock only when the first
 * event comes. Messages and traces pass through {@link Visible}: a config's text cannot forge a
 * line.
 */
final class ConsoleLayout extends LayoutBase<ILoggingEvent> {
  private final TargetLengthBasedClassNameAbbreviator abbreviator =
      new TargetLengthBasedClassNameAbbreviator(20);
  private DateTimeFormatter time;

  @Override
  public synchronized String doLayout(ILoggingEvent event) {
    if (time == null) {
      time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    }
    StringBuilder line = new StringBuilder(128);
    time.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
    String level = event.getLevel().toString();
    line.append(' ').append(level);
    for (int i = level.length(); i < 5; i++) {
      line.append(' ');
    }
    line.append(' ')
        .append(abbreviator.abbreviate(event.getLoggerName()))
        .append(" - ")
        .append(Visible.of(event.getFormattedMessage()))
        .append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(
          Visible.lines(
              ThrowableProxyUtil.asString(
                  VisibleThrowable.of(thrown)))); // ends with its own line separator
    }
    return line.toString();
  }
}
