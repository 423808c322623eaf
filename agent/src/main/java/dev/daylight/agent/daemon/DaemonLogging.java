package dev.daylight.agent.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daemon's logs to {@code daylight.log} in the per-OS log folder, rolled at 5 MB with
 * 3 old files kept, so a long-running agent never fills the disk. Configured in code because the
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

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n");
    encoder.start();

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
   * errors also go to stderr, so an administrator sees a failed enrollment or delivery with
   * {@code journalctl -u daylight-agent}, not only in the agent's own log file.
   */
  private static void toJournal(LoggerContext ctx) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern("%level %logger{0}: %msg%n");
    encoder.start();
    ch.qos.logback.classic.filter.ThresholdFilter warn = new ch.qos.logback.classic.filter.ThresholdFilter();
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
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern("%level|%logger|%msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(ctx);
    appender.setName("RESIDENT");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    attach(ctx, appender, level);
  }

  /** Everything at WARN, Daylight's own loggers at {@code level}, all to {@code appender}. */
  private static void attach(LoggerContext ctx, ch.qos.logback.core.Appender<ILoggingEvent> appender, Level level) {
    ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    ctx.getLogger("dev.daylight").setLevel(level);
  }
}
