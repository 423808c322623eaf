package dev.daylight.agent.store;

import static dev.daylight.testing.Inventories.npx;
import static dev.daylight.testing.Inventories.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store grows with change, not with time: an unchanged home adds a pointer per scan. */
class StoreGrowthTest {
  @TempDir Path dir;

  /** A laptop's worth: 40 servers and 600 installed packages, about 300 KB of inventory JSON. */
  static Inventory busyHome() {
    List<McpServer> servers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      servers.add(
          npx(
              "server-" + i,
              "package-" + i,
              "1.0." + i,
              "/home/u/code/p" + i + "/.cursor/mcp.json"));
    }
    List<InstalledPackage> packages = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      packages.add(
          new InstalledPackage(
              "pkg:npm/dependency-" + i + "@2.0." + i,
              "npm",
              "dependency-" + i,
              "2.0." + i,
              "npx-cache",
              "/home/u/.npm/_npx/"
                  + Integer.toHexString(i * 7919)
                  + "/node_modules/dependency-"
                  + i,
              "a".repeat(64),
              null,
              null));
    }
    return of(servers, List.of()).toBuilder().packages(packages).build();
  }

  static Inventory again(Inventory content) {
    Instant t = Instant.now();
    return content.toBuilder()
        .scanId(UUID.randomUUID().toString())
        .startedAt(t)
        .finishedAt(t)
        .build();
  }

  @Test
  void athousandUnchangedScansStayUnderTwentyMegabytes() throws Exception {
    Inventory home = busyHome();
    Path db;
    try (Store store = Store.open(dir)) {
      store.record(again(home));
      db = dir.resolve("daylight.db");
      for (int i = 1; i < 1000; i++) {
        store.record(again(home));
      }
      Inventory last = again(home);
      store.record(last);
      Inventory read = store.latest().orElseThrow();
      assertThat(read.scanId()).isEqualTo(last.scanId());
      assertThat(read.startedAt()).isEqualTo(Sql.instant(Sql.text(last.startedAt())));
      assertThat(read.servers()).isEqualTo(home.servers());
      assertThat(read.packages()).isEqualTo(home.packages());
    }
    long size = Files.size(db) + sizeIfPresent(dir.resolve("daylight.db-wal"));
    assertThat(size).as("daylight.db after 1,001 unchanged scans").isLessThan(20L * 1024 * 1024);
  }

  @Test
  void aChangedScanKeepsItsOwnCopyAndTheOneBeforeStaysReadable() {
    Inventory home = busyHome();
    try (Store store = Store.open(dir)) {
      store.record(again(home));
      store.record(again(home));
      Inventory changed =
          again(home.toBuilder().servers(List.of(npx("only", "postmark-mcp", "1.0.16"))).build());
      store.record(changed);
      assertThat(store.latest().orElseThrow().servers())
          .extracting(McpServer::name)
          .containsExactly("only");
      store.record(again(home));
      assertThat(store.latest().orElseThrow().servers()).hasSize(40);
    }
  }

  private static long sizeIfPresent(Path p) throws java.io.IOException {
    return Files.exists(p) ? Files.size(p) : 0;
  }
}
