package dev.daylight.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.daylight.agent.text.Visible;
import dev.daylight.agent.text.VisibleMessageConverter;
import dev.daylight.agent.text.VisibleThrowableConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daemon's logs to {@code daylight.log} in the per-OS log folder, rolled at 5 MB with 3
 * old files kept, so a long-running agent never fills the disk. Configured in code because the
 * folder is only known at run time.
 */
public final class DaemonLogging {
  static final String FILE = "daylight.log";
  static final String JOURNAL_ENV = "JOURNAL_STREAM";

  private DaemonLogging() {}

  /** Replaces the console logging of the CLI with the rotating file; returns the file. */
  public static Path toRotatingFile(Path logDir, Level level) {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create log folder " + logDir, e);
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return logDir.resolve(FILE); // another SLF4J binding: leave its configuration alone
    }
    ctx.reset();
    Path file = logDir.resolve(FILE);
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(ctx);
    appender.setName("FILE");
    appender.setFile(file.toString());

    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(ctx);
    rolling.setParent(appender);
    rolling.setFileNamePattern(logDir.resolve("daylight.%i.log").toString());
    rolling.setMinIndex(1);
    rolling.setMaxIndex(3);
    rolling.start();

    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(ctx);
    trigger.setMaxFileSize(FileSize.valueOf("5MB"));
    trigger.start();

    Encoder<ILoggingEvent> encoder =
        encoder(
            ctx, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %vmsg%n%vex");

    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.setEncoder(encoder);
    appender.start();

    attach(ctx, appender, level);
    if (System.getenv(JOURNAL_ENV) != null) {
      toJournal(ctx);
    }
    return file;
  }

  /**
   * Under systemd (which sets {@code JOURNAL_STREAM} when stderr is the journal), warnings and
   * errors also go to stderr, so an administrator sees a failed enrollment or delivery with {@code
   * journalctl -u daylight-agent}, not only in the agent's own log file.
   */
  private static void toJournal(LoggerContext ctx) {
    Encoder<ILoggingEvent> encoder = encoder(ctx, "%level %logger{0}: %vmsg%n%vex");
    ch.qos.logback.classic.filter.ThresholdFilter warn =
        new ch.qos.logback.classic.filter.ThresholdFilter();
    warn.setLevel("WARN");
    warn.start();
    ConsoleAppender<ILoggingEvent> journal = new ConsoleAppender<>();
    journal.setContext(ctx);
    journal.setName("JOURNAL");
    journal.setTarget("System.err");
    journal.setEncoder(encoder);
    journal.addFilter(warn);
    journal.start();
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(journal);
  }

  /**
   * A scan child's logging: one record per line on stderr as {@code LEVEL|logger|message}, which
   * the resident writes into its rotating file ({@link LogRelay}).
   */
  public static void toResident(Level level) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    ctx.reset();
    Encoder<ILoggingEvent> encoder = encoder(ctx, "%level|%logger|%vmsg%n%vex");
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(ctx);
    appender.setName("RESIDENT");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    attach(ctx, appender, level);
  }

  /**
   * A pattern encoder whose message and exception pass through {@link Visible}: a config's server
   * name or path that holds a newline cannot forge a line of the log (nor of the child's relayed
   * records, one per line), nor an escape sequence repaint a terminal that tails it.
   */
  private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, String pattern) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(ctx);
    layout.getInstanceConverterMap().put("vmsg", VisibleMessageConverter::new);
    layout.getInstanceConverterMap().put("vex", VisibleThrowableConverter::new);
    layout.setPattern(pattern);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(ctx);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }

  /** Everything at WARN, Daylight's own loggers at {@code level}, all to {@code appender}. */
  private static void attach(
      LoggerContext ctx, ch.qos.logback.core.Appender<ILoggingEvent> appender, Level level) {
    ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    ctx.getLogger("dev.daylight").setLevel(level);
  }
}
