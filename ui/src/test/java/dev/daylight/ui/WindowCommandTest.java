package dev.daylight.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window process's command line, in development (a java binary) and installed (a native
 * launcher).
 */
class WindowCommandTest {
  @TempDir Path runtime;

  @Test
  void withAJavaBinaryTheWindowIsThisJvmAgainWithItsOptionsAndClassPath() throws Exception {
    Path java = Files.createDirectories(runtime.resolve("bin")).resolve("java");
    Files.writeString(java, "");
    java.toFile().setExecutable(true);

    assertThat(
            WindowCommand.command(
                runtime,
                Optional.of("/usr/bin/whatever"),
                List.of("-Xms16m", "-Dprism.order=sw"),
                "ui.jar",
                "dev.daylight.ui.Launcher",
                List.of("--home", "/h", "--os", "linux")))
        .containsExactly(
            java.toString(),
            "-Xms16m",
            "-Dprism.order=sw",
            "-cp",
            "ui.jar",
            "dev.daylight.ui.Launcher",
            "--window",
            "--home",
            "/h",
            "--os",
            "linux");
  }

  @Test
  void inAPackageWithoutJavaTheWindowIsTheNativeLauncherAgain() {
    assertThat(
            WindowCommand.command(
                runtime,
                Optional.of("/opt/daylight/bin/daylight-tray"),
                List.of("-Xms16m"),
                "ignored",
                "dev.daylight.ui.Launcher",
                List.of()))
        .containsExactly("/opt/daylight/bin/daylight-tray", "--window");
    assertThatThrownBy(
            () -> WindowCommand.command(runtime, Optional.empty(), List.of(), "x", "y", List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no java binary");
  }
}
