package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On Windows there is no hook yet: install says why, in plain words, and writes nothing. */
class GuardWindowsTest {
  @TempDir Path home;
  @TempDir Path state;

  @Test
  void installOnWindowsSaysWhyThereIsNoHookAndWritesNothing() throws Exception {
    Files.createDirectories(home.resolve(".claude"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "guard",
            "install",
            "--home",
            home.toString(),
            "--os",
            "windows",
            "--state-dir",
            state.toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("not available on Windows", "within 30 ms", "PowerShell", "docs/GUARD.md");
    try (var files = Files.list(home.resolve(".claude"))) {
      assertThat(files).isEmpty();
    }
  }
}
