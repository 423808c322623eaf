package dev.daylight.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
  @TempDir Path home;

  /** Waits for the change that names {@code expected}, skipping earlier ones. */
  static Path awaitChange(BlockingQueue<Path> changes, Path expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Path p = changes.poll(200, TimeUnit.MILLISECONDS);
      if (p != null && p.equals(expected)) {
        return p;
      }
    }
    return null;
  }

  @Test
  void aConfigCreatedUnderMissingParentsIsSeenStepByStep() throws Exception {
    BlockingQueue<Path> changes = new LinkedBlockingQueue<>();
    Path target = home.resolve(".cursor/sub/mcp.json");
    try (ConfigWatcher watcher = new ConfigWatcher(changes::add)) {
      watcher.watch(Set.of(target));
      assertThat(watcher.watchedFolders()).containsExactly(home);
      Thread t = new Thread(watcher::run);
      t.setDaemon(true);
      t.start();

      Files.createDirectory(home.resolve(".cursor"));
      assertThat(awaitChange(changes, home.resolve(".cursor"))).isNotNull();
      assertThat(watcher.watchedFolders()).containsExactly(home.resolve(".cursor"));
      Files.createDirectory(home.resolve(".cursor/sub"));
      assertThat(awaitChange(changes, home.resolve(".cursor/sub"))).isNotNull();
      Files.writeString(target, "{\"mcpServers\":{}}");
      assertThat(awaitChange(changes, target)).isNotNull();
    }
  }

  @Test
  void unrelatedFilesBesideATargetAreIgnored() throws Exception {
    BlockingQueue<Path> changes = new LinkedBlockingQueue<>();
    Path target = home.resolve("mcp.json");
    try (ConfigWatcher watcher = new ConfigWatcher(changes::add)) {
      watcher.watch(Set.of(target));
      Thread t = new Thread(watcher::run);
      t.setDaemon(true);
      t.start();
      Files.writeString(home.resolve("notes.txt"), "x");
      Files.writeString(target, "{}");
      // The first change reported is the target: the unrelated file produced none.
      assertThat(changes.poll(30, TimeUnit.SECONDS)).isEqualTo(target);
    }
  }
}
