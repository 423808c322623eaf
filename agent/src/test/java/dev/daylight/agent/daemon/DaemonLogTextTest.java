package dev.daylight.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.daylight.agent.logging.ConsoleLogging;
import dev.daylight.agent.logging.DaemonLogging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The root daemon's log file: a server name cannot forge a line, directly or relayed from a scan
 * child.
 */
class DaemonLogTextTest {
  private static final String NAME =
      "evil\n2026-12-04T10:00:00.000Z INFO  [main] fake - all clear\u001b[2J\u202e";

  @Test
  void messagesAndRelayedChildLinesStayOnTheirLine(@TempDir Path logs) throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    try {
      Path file = DaemonLogging.toRotatingFile(logs, Level.INFO);
      LoggerFactory.getLogger("dev.daylight.agent.test")
          .warn("server {} changed", NAME, new IllegalStateException("bad " + NAME));
      // A child's record, as the child's own encoder writes it: already visible, one line.
      new LogRelay().line("WARN|dev.daylight.agent.scan|server evil\\n fake\u001b[2J line");
      ctx.stop();
      List<String> lines = Files.readAllLines(file);
      assertThat(lines)
          .noneMatch(l -> l.startsWith("2026-12-04T10:00:00.000Z") || l.startsWith(" fake"));
      assertThat(String.join("\n", lines))
          .doesNotContain("\u001b", "\u202e")
          .contains(
              "server evil\\n2026-12-04T10:00:00.000Z INFO  [main] fake - all clear\\x1b[2J\\u202e changed",
              "server evil\\n fake\\x1b[2J line");
    } finally {
      ctx.reset();
      ConsoleLogging console = new ConsoleLogging();
      console.setContext(ctx);
      console.configure(ctx);
      ctx.start();
    }
  }
}
