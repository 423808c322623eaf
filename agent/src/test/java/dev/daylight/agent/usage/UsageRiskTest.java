package dev.daylight.agent.usage;

import static dev.daylight.testing.Inventories.npx;
import static dev.daylight.testing.Inventories.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.change.Trust;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Recorded;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suspended package that is still being called gets a higher severity and says how much. */
class UsageRiskTest {
  @TempDir Path dir;

  @Test
  void aSuspendedVersionStillCalledIsRaisedAndCountsOnlyCallsSinceItAppeared() {
    Path home = dir.resolve("home");
    Path state = dir.resolve("state");
    try (Store store = Store.open(state)) {
      store.record(
          of(
              List.of(
                  npx("postmark", "postmark-mcp", "1.0.15"), npx("slack", "slack-mcp", "2.0.0")),
              List.of()));
      Instant after = Instant.now().plusSeconds(2);
      StringBuilder spool = new StringBuilder(line("2020-01-01T10:00:00Z", "postmark"));
      for (int i = 0; i < 3; i++) {
        spool.append(line(after.plusSeconds(i).toString(), "postmark"));
      }
      UsageHome.write(state.resolve("guard/spool.jsonl"), spool.toString());

      Inventory second =
          of(
              List.of(
                  npx("postmark", "postmark-mcp", "1.0.16"), npx("slack", "slack-mcp", "2.0.1")),
              List.of());
      Inventory withUsage =
          Usage.attach(
              second,
              ScanContext.forHome(home, Os.LINUX),
              store,
              state,
              Instant.now().minus(Duration.ofDays(3650)));
      Recorded rec = store.record(withUsage);

      McpServer postmark =
          rec.inventory().servers().stream()
              .filter(s -> s.name().equals("postmark"))
              .findFirst()
              .orElseThrow();
      assertThat(postmark.usage().calls()).isEqualTo(4);
      assertThat(postmark.usage().sinceVersion().version()).isEqualTo("1.0.16");
      assertThat(postmark.usage().sinceVersion().calls()).isEqualTo(3);

      Finding suspended = finding(rec, "postmark");
      assertThat(suspended.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(suspended.title()).contains("called 3 times since 1.0.16 appeared, last at ");
      Finding idle = finding(rec, "slack");
      assertThat(idle.severity()).isEqualTo(Severity.HIGH);
      assertThat(idle.title()).doesNotContain("called");
    }
  }

  private static Finding finding(Recorded rec, String server) {
    return rec.inventory().findings().stream()
        .filter(f -> f.rule().equals(Trust.VERSION_CHANGED) && f.title().contains(server + "-mcp"))
        .findFirst()
        .orElseThrow();
  }

  private static String line(String ts, String server) {
    return "{\"ts\":\""
        + ts
        + "\",\"client\":\"cursor\",\"server\":\""
        + server
        + "\",\"tool\":\"send-email\","
        + "\"project\":\"/home/u/src/shop\",\"decision\":\"allow\",\"reason\":\"approved\"}\n";
  }
}
