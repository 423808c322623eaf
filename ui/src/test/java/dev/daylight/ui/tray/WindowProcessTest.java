package dev.daylight.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.testing.TestJvm;
import dev.daylight.ui.NeedsDisplay;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window as a real second JVM: it reads the store the icon reads, a second open brings the same
 * process to the front instead of starting another, and it ends with the icon's channel.
 */
@ExtendWith(NeedsDisplay.class)
class WindowProcessTest {
  private static final Duration START = Duration.ofSeconds(90);

  @TempDir Path state;
  private WindowProcess window;

  @AfterEach
  void stop() {
    if (window != null) {
      window.running().ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void theWindowReadsTheSameStoreComesToTheFrontOnceAndEndsWithTheIcon() throws Exception {
    try (Store store = Store.open(state);
        InputStream in =
            WindowProcessTest.class.getResourceAsStream(
                "/dev/daylight/ui/main/capabilities-inventory.json")) {
      store.record(Json.mapper().readValue(in, Inventory.class));
    }
    Path log = state.resolve("window.log");
    List<String> command =
        TestJvm.command(
            List.of("-Dprism.order=sw", "-Xmx128m"),
            "dev.daylight.ui.Launcher",
            List.of("--window"));
    window =
        new WindowProcess(
            () -> command,
            Map.of("DAYLIGHT_STATE_DIR", state.toString(), "DAYLIGHT_LOG_LEVEL", "INFO"),
            ProcessBuilder.Redirect.to(log.toFile()));

    window.open();
    ProcessHandle first = window.running().orElseThrow();
    waitFor(() -> Files.readString(log).contains("Showing 4 servers"), log);

    window.open();
    assertThat(window.running()).as("a second open shows the same window").contains(first);

    window.close();
    assertThat(first.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
    assertThat(window.running()).isEmpty();
    assertThat(Files.readString(log)).doesNotContain("Exception");
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> condition, Path log)
      throws Exception {
    long until = System.nanoTime() + START.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > until) {
        throw new AssertionError(
            "the window did not show the store within "
                + START
                + ":\n"
                + (Files.exists(log) ? Files.readString(log) : "(no output)"));
      }
      Thread.sleep(250);
    }
  }
}
