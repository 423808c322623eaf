package dev.daylight.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.assess.Assessor;
import dev.daylight.agent.assess.RuleConfig;
import dev.daylight.agent.intel.Intel;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.Scanner;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.agent.store.ServerView;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.StoredFinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon on a fake home: a config written after start (under a folder that did not exist)
 * reaches the store as a server with findings. The time it takes is measured by
 * scripts/bench-daemon; here it only has to arrive.
 */
class DaemonWatchTest {
  @TempDir Path home;
  @TempDir Path state;

  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  static String threads() {
    StringBuilder sb = new StringBuilder("no scan stored; threads:\n");
    Thread.getAllStackTraces().forEach((t, st) -> {
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
    ScanContext context = ScanContext.forHome(home, Os.LINUX).withStore(true)
        .withFingerprintKey(DeviceKey.loadOrCreate(state));
    // The rules stage as the CLI runs it, with the bundled intel.
    Scanner scanner = Scanner.standard()
        .then(new Assessor(Intel.builder().addBundled().build(), RuleConfig.defaults()).stage());
    try (Store store = Store.open(state);
        Daemon daemon = new Daemon(store, () -> scanner.scan(context),
            new Daemon.Settings(Duration.ofHours(1), Duration.ofMillis(100),
                () -> WatchLocations.of(context)), null)) {
      daemon.start();
      assertThat(eventually(() -> store.lastScan().isPresent())).as(DaemonWatchTest::threads).isTrue();
      assertThat(store.servers()).isEmpty();

      Files.createDirectories(home.resolve(".cursor"));
      Files.writeString(home.resolve(".cursor/mcp.json"), """
          {"mcpServers": {"postmark": {"command": "npx", "args": ["-y", "postmark-mcp"]}}}
          """);
      assertThat(eventually(() -> store.servers().stream().map(ServerView::server)
          .anyMatch(s -> s.name().equals("postmark"))))
          .as(() -> "watching " + daemon.watchedFolders() + " scans " + store.changeCounter()
              + " last " + daemon.lastScan().map(i -> i.servers() + " " + i.errors()) + threads())
          .isTrue();
      List<StoredFinding> findings = store.findings(true);
      assertThat(findings).extracting(f -> f.finding().rule()).contains("new-server");

      Files.writeString(home.resolve(".cursor/mcp.json"), "{\"mcpServers\": {}}");
      assertThat(eventually(() -> store.servers().stream().noneMatch(ServerView::active))).isTrue();
      assertThat(store.findings(true)).isEmpty();
    }
  }
}
