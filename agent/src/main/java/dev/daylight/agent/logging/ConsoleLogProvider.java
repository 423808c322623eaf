package dev.daylight.agent.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's provider for CLI runs, named by {@code -Dslf4j.provider} in the launcher's options
 * ({@code scripts/jvm-options}): Logback with {@link ConsoleLogging} applied directly. Found the
 * usual way (SLF4J's and then Logback's service lookups, Logback's version checks and configurator
 * search) the same set-up opened every jar on the class path, a large part of a short scan's CPU
 * (docs/PERFORMANCE.md). The daemon's scan children name it too ({@code RunCommand}); without the
 * property, as in tests, the tray and the resident daemon, Logback's own provider runs and finds
 * {@link ConsoleLogging} through its service file: the same result.
 */
public final class ConsoleLogProvider implements SLF4JServiceProvider {
  private final LoggerContext context = new LoggerContext();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

  @Override
  public void initialize() {
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    context.setMDCAdapter(mdc);
    ConsoleLogging logging = new ConsoleLogging();
    logging.setContext(context);
    logging.configure(context);
    context.start();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return context;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }
}
