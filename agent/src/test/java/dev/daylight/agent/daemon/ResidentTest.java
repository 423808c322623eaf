package dev.daylight.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daylight.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident's side of the child contract, with a shell script standing in for the scan JVM so
 * each case takes seconds: the script records its arguments, writes the watch list and exits with
 * the status the test asks for. The real child is covered by DaemonWatchTest, DaemonProcessTest and
 * the e2e module.
 */
class ResidentTest {
  @TempDir Path state;
  @TempDir Path home;
  private Path calls;
  private Path script;

  @BeforeEach
  void script() throws IOException {
    Requires.that(
        Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to stand in for the scan JVM");
    calls = state.resolve("calls");
    // Exit statuses to use, one per line, consumed in order; 0 once none are left. HANG sleeps.
    script =
        Files.writeString(
            state.resolve("child.sh"),
            """
        echo "$*" >> '%1$s/calls'
        printf '%%s\\n' '%2$s/.cursor/mcp.json' > '%1$s/agent-watch.txt'
        [ -f '%1$s/interval' ] && cp '%1$s/interval' '%1$s/agent-interval.txt'
        echo "INFO|dev.daylight.test|child ran"
        code=$(head -n 1 '%1$s/statuses' 2>/dev/null); sed -i '1d' '%1$s/statuses' 2>/dev/null
        [ "$code" = HANG ] && exec sleep 60
        exit ${code:-0}
        """
                .formatted(state, home));
  }

  private Resident resident(Duration timeout) {
    return new Resident(
        new Resident.Settings(Duration.ofHours(1), Duration.ofMillis(50), timeout, state),
        List.of("/bin/sh", script.toString()));
  }

  private List<String> calls() {
    try {
      return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void queuedReportsGetDeliveryChildrenUntilTheyAreOutThenNone() throws Exception {
    Files.writeString(state.resolve("statuses"), "75\n75\n0\n");
    try (Resident r = resident(Duration.ofMinutes(1))) {
      r.start();
      // Backoff with full jitter: at most 2 s, then 4 s before the retries.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(calls()).hasSize(3));
      Thread.sleep(2_500);
      assertThat(calls()).hasSize(3);
      assertThat(calls().get(0)).contains("--child=scan", "--reason=start/interval");
      assertThat(calls().subList(1, 3)).allMatch(c -> c.contains("--child=deliver"));
    }
  }

  @Test
  void aFailedChildIsRetriedAtTheNextChangeAndNotBefore() throws Exception {
    Files.writeString(state.resolve("statuses"), "3\n");
    try (Resident r = resident(Duration.ofMinutes(1))) {
      r.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> r.watchedFolders().contains(home));
      Thread.sleep(1_500);
      assertThat(calls()).hasSize(1);
      Files.createDirectories(home.resolve(".cursor"));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(calls()).hasSize(2));
      assertThat(calls().get(1))
          .contains("--child=scan", "--reason=change in " + home.resolve(".cursor"));
    }
  }

  @Test
  void aHangingChildIsStoppedAfterTheTimeoutAndTheNextChangeScansAgain() throws Exception {
    Files.writeString(state.resolve("statuses"), "HANG\n");
    try (Resident r = resident(Duration.ofMillis(500))) {
      long t0 = System.nanoTime();
      r.start();
      await("watch list read after the stop")
          .atMost(Duration.ofSeconds(30))
          .until(() -> r.watchedFolders().contains(home));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
      Files.createDirectories(home.resolve(".cursor"));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(calls()).hasSize(2));
    }
  }

  @Test
  void thePolicyIntervalReplacesTheCommandLinesAboveAFloor() throws Exception {
    Files.writeString(state.resolve("interval"), "900\n");
    try (Resident r = resident(Duration.ofMinutes(1))) {
      r.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> r.interval().equals(Duration.ofMinutes(15)));
    }
    Files.writeString(state.resolve("interval"), "5\n");
    try (Resident r = resident(Duration.ofMinutes(1))) {
      r.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> r.interval().equals(Resident.MIN_POLICY_INTERVAL));
    }
  }
}
