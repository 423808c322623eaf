package dev.daylight.agent.daemon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Writes a scan child's output into the resident's log. The child logs one record per line as
 * {@code LEVEL|logger|message} ({@link dev.daylight.agent.logging.DaemonLogging#toResident}); each
 * is logged again under the same logger and level, so the rotating file reads as if the scan ran in
 * the resident. Lines without that shape (a stack trace's frames, anything the JVM prints) follow
 * the record before them, or go out as warnings of the child when there is none. The child's logs
 * are redacted where they are made; nothing here adds data.
 */
final class LogRelay {
  private static final Pattern RECORD =
      Pattern.compile("(TRACE|DEBUG|INFO|WARN|ERROR)\\|([\\w.$]+)\\|(.*)");
  private static final Logger raw = LoggerFactory.getLogger("dev.daylight.agent.daemon.child");

  private Logger logger = raw;
  private Level level = Level.WARN;

  void line(String line) {
    Matcher m = RECORD.matcher(line);
    if (m.matches()) {
      level = Level.valueOf(m.group(1));
      logger = LoggerFactory.getLogger(m.group(2));
      log(m.group(3));
    } else if (!line.isEmpty()
        && (Character.isWhitespace(line.charAt(0)) || line.startsWith("Caused by:"))
        && logger != raw) {
      log(line); // a frame of the exception the last record carried
    } else {
      logger = raw;
      level = Level.WARN;
      log(line);
    }
  }

  private void log(String message) {
    logger.atLevel(level).log(message);
  }
}
