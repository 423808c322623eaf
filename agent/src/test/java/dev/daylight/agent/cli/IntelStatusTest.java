package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IntelStatusTest {
  @TempDir Path state;
  @TempDir Path records;

  private String out;

  @Test
  void saysWhatIsBundledHowOldItIsAndWhatWasImported() throws Exception {
    assertThat(run("intel", "status", "--state-dir", state.toString())).isZero();
    assertThat(out)
        .containsPattern(
            "bundled snapshot: \\d+ lines \\(PyPI \\d+, npm \\d+\\), \\d+ of them withdrawn; "
                + "data as of 2025-06-04T02:56:31Z \\(\\d+ days old\\)");
    assertThat(out)
        .contains("licence: Apache-2.0")
        .contains("source: OpenSSF Malicious Packages")
        .contains("imported: none")
        .containsPattern("in use: \\d+ lines, loaded in \\d+ ms");

    Files.writeString(
        records.resolve("x.json"),
        "{\"id\":\"MAL-2099-1\",\"modified\":\"2099-01-01T00:00:00Z\",\"affected\":[{\"package\":"
            + "{\"ecosystem\":\"npm\",\"name\":\"x-mcp\"},\"versions\":[\"1.0.0\"]}]}");
    assertThat(run("intel", "import", records.toString(), "--state-dir", state.toString()))
        .isZero();
    assertThat(run("intel", "status", "--state-dir", state.toString())).isZero();
    assertThat(out).containsPattern("imported: 1 lines in .*imported.tsv.gz, last changed ");
  }

  @Test
  void oldDataSaysHowToUpdateAndFreshDataDoesNot() {
    var info =
        new dev.daylight.agent.intel.BundledInfo(
            "s",
            "Apache-2.0",
            Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
            10,
            0,
            Map.of("npm", 10),
            2048);
    StringWriter w = new StringWriter();
    IntelCommand.Status.bundled(
        new PrintWriter(w, true), info, Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(w.toString())
        .contains("(59 days old)")
        .contains("older than 30 days: import a newer OSV export");
    w = new StringWriter();
    IntelCommand.Status.bundled(
        new PrintWriter(w, true), info, Instant.parse("2026-01-10T00:00:00Z"));
    assertThat(w.toString()).contains("(9 days old)").doesNotContain("older than");
  }

  private int run(String... args) {
    StringWriter o = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(new StringWriter()));
    int code = cli.execute(args);
    out = o.toString();
    return code;
  }
}
