package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.testing.Requires;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man pages and the completion script come from the commands' own picocli model. */
class DocsCommandTest {
  @TempDir Path dir;

  @Test
  void completionCoversEveryCommandAndItsOptions() {
    StringWriter out = new StringWriter();
    assertThat(Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "completion"))
        .isZero();
    assertThat(out.toString())
        .contains(
            "complete -F",
            "scan",
            "findings",
            "review",
            "--override-malicious",
            "--state-dir",
            "ack");
  }

  @Test
  void manPagesAreWrittenPerCommandAndGroffRendersThem() throws Exception {
    Path man = dir.resolve("man/man1");
    assertThat(
            Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                "completion",
                "--out",
                dir.toString()))
        .isZero();
    assertThat(man.resolve("daylight.1")).exists();
    assertThat(dir.resolve("completion/daylight")).exists();
    String scan = Files.readString(man.resolve("daylight-scan.1"));
    assertThat(scan)
        .startsWith(".TH \"DAYLIGHT-SCAN\" 1")
        .contains(".SH SYNOPSIS", "\\-\\-home", "\\-\\-state\\-dir");
    assertThat(man.resolve("daylight-findings-ack.1")).exists();
    assertThat(man.resolve("daylight-run-child.1")).doesNotExist(); // hidden

    Requires.that(
        Files.isExecutable(Path.of("/usr/bin/groff")),
        "groff not installed (apt-get install groff-base): the man page is not rendered");
    Process p =
        new ProcessBuilder(
                List.of(
                    "groff",
                    "-man",
                    "-Tutf8",
                    "-ww",
                    "-P-cbou",
                    man.resolve("daylight-scan.1").toString()))
            .redirectErrorStream(true)
            .start();
    String rendered = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(rendered).contains("SYNOPSIS", "--home", "(default: 5)").doesNotContain("warning");
  }
}
