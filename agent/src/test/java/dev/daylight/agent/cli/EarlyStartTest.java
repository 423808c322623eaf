package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Main.run} starts the walk before picocli parses: output and errors must not change. */
class EarlyStartTest {
  @TempDir Path home;

  private String scan(String... homeArgs) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[homeArgs.length + 7];
    args[0] = "scan";
    System.arraycopy(homeArgs, 0, args, 1, homeArgs.length);
    System.arraycopy(new String[] {"--os", "linux", "--format", "json", "--no-host", "--no-store"},
        0, args, homeArgs.length + 1, 6);
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(exit).as(err.toString()).isZero();
    ObjectNode inv = (ObjectNode) Json.mapper().readTree(out.toString());
    inv.remove("scanId");
    inv.remove("startedAt");
    inv.remove("finishedAt");
    return inv.toPrettyString();
  }

  private void write(String relative, String text) throws IOException {
    Path p = home.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void repeatedScansPrintTheSameInventoryAndSeeChangesBetweenRuns() throws IOException {
    write(".cursor/mcp.json", "{\"mcpServers\":{\"u\":{\"command\":\"npx\",\"args\":[\"-y\",\"u-mcp\"]}}}");
    write(".gemini/settings.json", "{\"mcpServers\": ");
    for (int i = 0; i < 12; i++) {
      write("code/p" + i + "/.mcp.json", "{\"mcpServers\":{\"p" + i + "\":{\"command\":\"uvx\",\"args\":[\"p" + i + "\"]}}}");
    }
    write("code/bad/.vscode/mcp.json", "{\"servers\": {");
    // what the stages prepared on their own thread add: a cached package version, a desktop entry
    write(".npm/_npx/1a2b/package.json", "{\"dependencies\":{\"u-mcp\":\"^2.1.0\"}}");
    write(".npm/_npx/1a2b/node_modules/u-mcp/package.json", "{\"name\":\"u-mcp\",\"version\":\"2.1.0\"}");
    write(".local/share/applications/cursor.desktop", "[Desktop Entry]\nName=Cursor\n");
    String first = scan("--home", home.toString());
    assertThat(first).contains("\"p11\"", "\"u\"", "malformed JSON", "\"2.1.0\"", "cursor.desktop");
    for (int i = 0; i < 4; i++) {
      assertThat(scan("--home", home.toString())).isEqualTo(first);
      assertThat(scan("--home=" + home, "--depth", "5")).isEqualTo(first);
    }
    write("code/late/.mcp.json", "{\"mcpServers\":{\"late\":{\"command\":\"npx\"}}}");
    assertThat(scan("--home", home.toString())).contains("\"late\"");
    assertThat(scan("--home", home.toString(), "--depth", "0")).doesNotContain("\"late\"", "\"p3\"");
  }

  @Test
  void argumentsItCannotReadAreLeftToPicocli() {
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
        "scan", "--home", home.resolve("missing").toString(), "--depth", "x");
    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "scan", "--home");
    assertThat(exit).isEqualTo(ExitCodes.USAGE);
  }

  /**
   * Logback is configured on the warm-up thread while picocli parses; the scan's loggers must be
   * the real ones (a logger taken during SLF4J's start is a substitute, and its calls come back
   * with a warning on stderr). A fresh JVM, since this one's logging is long configured, whose
   * Logback start is slowed ({@link SlowLogbackStart}) so that the scan reaches its first logger
   * before the set-up ends.
   */
  @Test
  void logsOfAScanGoThroughTheConfiguredLoggerWithoutReplay() throws Exception {
    write(".cursor/mcp.json", "{\"mcpServers\":{\"u\":{\"command\":\"npx\",\"args\":[\"-y\",\"u-mcp\"]}}}");
    for (int run = 0; run < 3; run++) {
      String err = scanInChildJvm("-Ddaylight.test.slowLogbackStart=" + (run == 0 ? 0 : 1500));
      assertThat(err).contains("DEBUG", "discovery: ").doesNotContain("SLF4J", "replay");
    }
  }

  /** As the launcher runs it (scripts/jvm-options): SLF4J told to use ConsoleLogProvider directly. */
  @Test
  void logsGoToStderrThroughTheLaunchersProviderAndSlf4jSaysNothing() throws Exception {
    write(".cursor/mcp.json", "{\"mcpServers\":{\"u\":{\"command\":\"npx\",\"args\":[\"-y\",\"u-mcp\"]}}}");
    String err = scanInChildJvm("-Dslf4j.provider=" + ConsoleLogProvider.class.getName(),
        "-Dslf4j.internal.verbosity=WARN");
    assertThat(err).containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG d\\.d\\.a\\.\\S+ - discovery: ")
        .doesNotContain("SLF4J");
  }

  /** A scan of the home in a fresh JVM with these system properties, at debug level; its stderr. */
  private String scanInChildJvm(String... properties) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(properties));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "scan", "--home", home.toString(), "--os", "linux", "--format", "json", "--no-host", "--no-store"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DAYLIGHT_LOG_LEVEL", "debug");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    return err;
  }
}
