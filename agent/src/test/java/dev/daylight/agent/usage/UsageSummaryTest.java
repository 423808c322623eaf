package dev.daylight.agent.usage;

import static dev.daylight.testing.Inventories.npx;
import static dev.daylight.testing.Inventories.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.store.UsageBucket;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.ServerUsage;
import dev.daylight.protocol.UsageDay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls become each server's usage: matched by client and name, one call seen twice counted once.
 */
class UsageSummaryTest {
  private static final long T = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
  private static final long MINUTE = T / 60_000L;

  @Test
  void aCallInTheTranscriptAndTheGuardSpoolCountsOnceAndIdleServersSayZero() {
    McpServer postmark = npx("postmark", "postmark-mcp", "1.0.16");
    McpServer slack = npx("slack", "slack-mcp", "2.0.0");
    List<UsageBucket> buckets =
        List.of(
            bucket("cursor-log", "postmark", "send-email", "/p", MINUTE, 2, 1),
            bucket("daylight-guard-spool", "postmark", "send-email", "/p", MINUTE, 2, 0),
            bucket("daylight-guard-spool", "postmark", "list-templates", "/q", MINUTE + 5, 1, 0));
    Inventory inv = UsageSummary.attach(of(List.of(postmark, slack), List.of()), buckets);

    ServerUsage u = inv.servers().get(0).usage();
    assertThat(u.calls()).isEqualTo(3);
    assertThat(u.tools())
        .extracting(t -> t.name() + "=" + t.calls() + "/" + t.errors())
        .containsExactly("send-email=2/1", "list-templates=1/0");
    assertThat(u.projects()).containsExactly("/p", "/q");
    assertThat(u.firstCall()).isEqualTo(Instant.ofEpochMilli(T));
    assertThat(inv.servers().get(1).usage()).isEqualTo(ServerUsage.idle());
    assertThat(inv.removedServerUsage()).isEmpty();
  }

  @Test
  void callsGoToTheCallingProjectsOwnServerAndUnknownServersAreKeptAsRemoved() {
    McpServer user = npx("github", "gh-mcp", "1.0.0", "/home/u/.cursor/mcp.json");
    McpServer project =
        npx("github", "gh-mcp", "1.0.0", "/home/u/src/api/.cursor/mcp.json").toBuilder()
            .id("cursor|project|github")
            .scope(Scope.PROJECT)
            .build();
    List<UsageBucket> buckets =
        List.of(
            bucket("x", "github", "create_issue", "/home/u/src/api", MINUTE, 1, 0),
            bucket("x", "github", "create_issue", "/home/u/src/web", MINUTE, 1, 0),
            bucket("x", "Old.Server", "ping", "", MINUTE, 4, 0));
    Inventory inv = UsageSummary.attach(of(List.of(user, project), List.of()), buckets);

    assertThat(inv.servers())
        .extracting(s -> s.scope() + "=" + s.usage().calls())
        .containsExactly("USER=1", "PROJECT=1");
    assertThat(inv.removedServerUsage())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo("Old.Server");
              assertThat(r.usage().calls()).isEqualTo(4);
            });
    List<UsageDay> days = UsageSummary.days(inv.servers(), buckets, LocalDate.parse("2026-11-20"));
    assertThat(days)
        .extracting(d -> d.day() + " " + d.server() + " " + d.tool() + " " + d.calls())
        .containsExactlyInAnyOrder(
            "2026-11-20 github create_issue 2", "2026-11-20 Old.Server ping 4");
    assertThat(UsageSummary.days(inv.servers(), buckets, LocalDate.parse("2026-11-21"))).isEmpty();
  }

  private static UsageBucket bucket(
      String source,
      String server,
      String tool,
      String project,
      long minute,
      long calls,
      long errors) {
    return new UsageBucket(
        source,
        "cursor",
        server,
        tool,
        project,
        minute,
        calls,
        errors,
        minute * 60_000L,
        minute * 60_000L + 30_000L);
  }
}
