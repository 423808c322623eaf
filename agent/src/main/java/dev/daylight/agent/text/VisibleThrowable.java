package dev.daylight.agent.text;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * A logged exception whose messages (its own, its causes', its suppressed ones') are {@link
 * Visible}: a message quoting a config could otherwise break the trace into a forged log line.
 */
public record VisibleThrowable(IThrowableProxy proxy) implements IThrowableProxy {
  /** The proxy with visible messages; null stays null. */
  public static IThrowableProxy of(IThrowableProxy proxy) {
    return proxy == null || proxy instanceof VisibleThrowable ? proxy : new VisibleThrowable(proxy);
  }

  @Override
  public String getOverridingMessage() {
    return Visible.of(proxy.getOverridingMessage());
  }

  @Override
  public String getMessage() {
    return Visible.of(proxy.getMessage());
  }

  @Override
  public String getClassName() {
    return Visible.of(proxy.getClassName());
  }

  @Override
  public StackTraceElementProxy[] getStackTraceElementProxyArray() {
    return proxy.getStackTraceElementProxyArray();
  }

  @Override
  public int getCommonFrames() {
    return proxy.getCommonFrames();
  }

  @Override
  public IThrowableProxy getCause() {
    return of(proxy.getCause());
  }

  @Override
  public IThrowableProxy[] getSuppressed() {
    IThrowableProxy[] suppressed = proxy.getSuppressed();
    if (suppressed == null) {
      return null;
    }
    IThrowableProxy[] visible = new IThrowableProxy[suppressed.length];
    for (int i = 0; i < suppressed.length; i++) {
      visible[i] = of(suppressed[i]);
    }
    return visible;
  }

  @Override
  public boolean isCyclic() {
    return proxy.isCyclic();
  }
}
