package dev.daylight.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.daylight.agent.cli.CliAccess;
import dev.daylight.agent.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The fixtures put canary strings into call arguments, results and message text. After a scan
 * (which stores the inventory and queues its report) and the usage command, none of them is in the
 * store's files, the queued report, the logs, stdout or stderr, while the calls are counted.
 */
class CanaryTest {
  private static final List<String> CANARIES =
      List.of("CANARY-ARG-7f3a", "CANARY-RESULT-91c2", "CANARY-TEXT-55aa");

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level rootLevel;
  private final StringBuilder printed = new StringBuilder();

  @BeforeEach
  void captureEveryLogLine() {
    rootLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void restore() {
    root.detachAppender(logged);
    root.setLevel(rootLevel);
  }

  @Test
  void argumentsResultsAndTextReachNothing() throws IOException {
    UsageHome home = new UsageHome(dir).withAllFixtures();
    UsageHome.write(
        home.home.resolve(".claude.json"),
        "{\"mcpServers\": {"
            + "\"postmark\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp\"]},"
            + "\"github\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"]}}}");
    Path state = home.state;

    assertThat(
            run(
                "scan",
                "--home",
                home.home.toString(),
                "--os",
                "linux",
                "--no-host",
                "--state-dir",
                state.toString(),
                "--format",
                "json",
                "--usage-window",
                "3650d"))
        .isZero();
    assertThat(
            run(
                "usage",
                "--home",
                home.home.toString(),
                "--os",
                "linux",
                "--state-dir",
                state.toString(),
                "--format",
                "json",
                "--since",
                "3650d"))
        .isZero();
    assertThat(run("usage", "--state-dir", state.toString(), "--no-read", "--since", "3650d"))
        .isZero();

    String all = printed.toString();
    assertThat(all)
        .contains("send-email")
        .contains("create_issue")
        .contains("\"usage\"")
        .contains("removedServerUsage")
        .contains("gemini-cli");
    StringBuilder logs = new StringBuilder();
    logged.list.forEach(e -> logs.append(e.getFormattedMessage()).append('\n'));
    assertThat(logs.toString()).contains("usage ledger");
    StringBuilder stored = new StringBuilder();
    try (Stream<Path> files = Files.walk(state)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.toString().endsWith("spool.jsonl")) {
          stored.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
      }
    }
    try (Store s = Store.open(state)) {
      assertThat(s.pendingReports(10)).isNotEmpty();
      s.pendingReports(10).forEach(r -> stored.append(r.toString()));
    }
    for (String canary : CANARIES) {
      assertThat(all).doesNotContain(canary);
      assertThat(logs.toString()).doesNotContain(canary);
      assertThat(stored.toString()).doesNotContain(canary);
    }
  }

  private int run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CliAccess.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    printed.append(out).append(err);
    if (code != 0) {
      System.err.println(String.join(" ", args) + " -> " + code + ": " + err);
    }
    return code;
  }
}
