package dev.daylight.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the window process inherits: never the package launcher's "JVM arguments built" mark (with
 * it, the installed launcher took --window for a JVM option and the window never opened).
 */
class WindowEnvironmentTest {
  @TempDir Path dir;

  @Test
  void theWindowGetsItsEnvironmentButNotTheLaunchersMark() throws Exception {
    Path out = dir.resolve("env.txt");
    WindowProcess window =
        new WindowProcess(
            () -> List.of("sh", "-c", "env"),
            Map.of("GDK_GL", "disable", WindowProcess.JPACKAGE_LAUNCHED, "inherited"),
            ProcessBuilder.Redirect.to(out.toFile()));

    window.open();
    Optional<ProcessHandle> child = window.running(); // empty when it has already ended
    if (child.isPresent()) {
      child.get().onExit().get(10, TimeUnit.SECONDS);
    }

    assertThat(Files.readAllLines(out))
        .contains("GDK_GL=disable")
        .noneMatch(line -> line.startsWith(WindowProcess.JPACKAGE_LAUNCHED + "="));
  }
}
