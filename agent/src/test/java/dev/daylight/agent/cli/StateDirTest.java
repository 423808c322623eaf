package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.testing.TestJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DAYLIGHT_STATE_DIR} and {@code --state-dir} mean the same; a scan that stores nothing says
 * so.
 */
class StateDirTest {
  @TempDir Path home;
  @TempDir Path state;

  private void config() throws Exception {
    Path p = home.resolve(".cursor/mcp.json");
    Files.createDirectories(p.getParent());
    Files.writeString(
        p, "{\"mcpServers\":{\"a\":{\"command\":\"npx\",\"args\":[\"-y\",\"a-mcp@1.0.0\"]}}}");
  }

  @Test
  void theEnvironmentVariableNamesTheStoreForAHomeScanInARealProcess() throws Exception {
    config();
    ProcessBuilder pb =
        new ProcessBuilder(
            TestJvm.agent(
                "scan",
                "--home",
                home.toString(),
                "--os",
                "linux",
                "--no-host",
                "--format",
                "json"));
    pb.environment().put(StoreOptions.ENV, state.toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path err = Files.createTempFile(state, "err", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(err)).doesNotContain("not stored");
    assertThat(state.resolve("daylight.db")).exists();
  }

  @Test
  void aHomeScanWithoutANamedStoreSaysItStoredNothing() throws Exception {
    config();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "scan",
            "--home",
            home.toString(),
            "--os",
            "linux",
            "--no-host",
            "--format",
            "json");
    assertThat(exit).isZero();
    if (System.getenv(StoreOptions.ENV) == null) {
      assertThat(err.toString()).contains("not stored", "--state-dir", StoreOptions.ENV);
    }
    StringWriter quiet = new StringWriter();
    Main.run(
        new PrintWriter(new StringWriter()),
        new PrintWriter(quiet),
        "scan",
        "--home",
        home.toString(),
        "--os",
        "linux",
        "--no-host",
        "--format",
        "json",
        "--no-store");
    assertThat(quiet.toString()).doesNotContain("not stored");
  }
}
