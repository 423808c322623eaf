package dev.daylight.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daylight.agent.store.ServerView;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.StoreStatus;
import dev.daylight.agent.store.StoredFinding;
import dev.daylight.testing.TestJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on a fake home: a config written after start (under a folder that did not exist)
 * reaches the store as a server with findings, scanned by a child JVM the resident started on the
 * change. The time it takes is measured by bench/bench-daemon; here it only has to arrive.
 */
class DaemonWatchTest {
  @TempDir Path home;
  @TempDir Path state;

  static String threads() {
    StringBuilder sb = new StringBuilder("no scan stored; threads:\n");
    Thread.getAllStackTraces()
        .forEach(
            (t, st) -> {
              if (t.getName().startsWith("daylight")) {
                sb.append(t.getName()).append('\n');
                for (StackTraceElement e : st) {
                  sb.append("  at ").append(e).append('\n');
                }
              }
            });
    return sb.toString();
  }

  @Test
  void aNewConfigIsScannedAndStoredWithoutWaitingForTheInterval() throws Exception {
    // The resident in this JVM, each scan a real child JVM (`run-child`, as `daylight run` starts
    // it): the
    // rules stage as the CLI runs it, with the bundled intel.
    List<String> child =
        Resident.childCommand(
            TestJvm.QUICK,
            TestJvm.AGENT_MAIN,
            List.of("--home=" + home, "--os=linux", "--state-dir=" + state, "--log-level=DEBUG"));
    try (Resident daemon =
        new Resident(
            new Resident.Settings(
                Duration.ofHours(1), Duration.ofMillis(100), Duration.ofMinutes(2), state),
            child)) {
      daemon.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(lastScan()).as(DaemonWatchTest::threads).isPresent());
      assertThat(read(Store::servers)).isEmpty();
      // The child names where configs may appear (written after the scan is stored); the
      // resident watches their nearest folders.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(ChildContract.readWatchList(state))
                      .contains(home.resolve(".cursor/mcp.json")));
      await().atMost(Duration.ofSeconds(60)).until(() -> daemon.watchedFolders().contains(home));

      Files.createDirectories(home.resolve(".cursor"));
      Files.writeString(
          home.resolve(".cursor/mcp.json"),
          """
          {"mcpServers": {"postmark": {"command": "npx", "args": ["-y", "postmark-mcp"]}}}
          """);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          read(Store::servers).stream()
                              .map(ServerView::server)
                              .anyMatch(s -> s.name().equals("postmark")))
                      .as(
                          () ->
                              "watching "
                                  + daemon.watchedFolders()
                                  + " last "
                                  + lastScan()
                                  + threads())
                      .isTrue());
      List<StoredFinding> findings = read(s -> s.findings(true));
      assertThat(findings).extracting(f -> f.finding().rule()).contains("new-server");

      Files.writeString(home.resolve(".cursor/mcp.json"), "{\"mcpServers\": {}}");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> read(Store::servers).stream().noneMatch(ServerView::active));
      List<StoredFinding> open = read(s -> s.findings(true));
      assertThat(open).isEmpty();
    }
  }

  private Optional<StoreStatus.ScanSummary> lastScan() {
    return read(Store::lastScan);
  }

  /** The store is the children's: open it only to read, and close it again. */
  private <T> T read(Function<Store, T> query) {
    try (Store s = Store.open(state)) {
      return query.apply(s);
    }
  }
}
