package dev.daylight.agent.text;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback's {@code %ex} with every message of the trace made {@link Visible} (an exception's
 * message may quote a config: a file name, a parser's position); the trace keeps its own line
 * breaks and nothing else.
 */
public final class VisibleThrowableConverter extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return Visible.lines(super.throwableProxyToString(VisibleThrowable.of(proxy)));
  }
}
