package dev.daylight.agent.usage;

import static dev.daylight.testing.Inventories.npx;
import static dev.daylight.testing.Inventories.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An all-users pass reads every account's records and gives each account's calls to its own server.
 */
class AllUsersUsageTest {
  private static final String CALL =
      "{\"cwd\":\"/home/%1$s/src\",\"type\":\"assistant\",\"message\":"
          + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_%1$s%2$d\","
          + "\"name\":\"mcp__github__create_issue\",\"input\":{}}]},\"timestamp\":\"2026-11-21T09:0%2$d:00.000Z\"}\n";

  @TempDir Path dir;

  @Test
  void twoHomesCallsGoToEachAccountsOwnServer() {
    Path ann = dir.resolve("ann");
    Path bob = dir.resolve("bob");
    UsageHome.write(ann.resolve(UsageHome.CLAUDE_CODE), String.format(CALL, "ann", 1));
    UsageHome.write(
        bob.resolve(UsageHome.CLAUDE_CODE),
        String.format(CALL, "bob", 1)
            + String.format(CALL, "bob", 2)
            + String.format(CALL, "bob", 3));
    List<ScanContext> homes =
        List.of(
            ScanContext.forHome(ann, Os.LINUX).withOsUser("ann"),
            ScanContext.forHome(bob, Os.LINUX).withOsUser("bob"));
    McpServer annGithub =
        npx("github", "gh-mcp", "1.0.0", ann + "/.claude.json").toBuilder()
            .id("claude-code|user|github|ann")
            .client("claude-code")
            .osUser("ann")
            .build();
    McpServer bobGithub =
        npx("github", "gh-mcp", "1.0.0", bob + "/.claude.json").toBuilder()
            .id("claude-code|user|github|bob")
            .client("claude-code")
            .osUser("bob")
            .build();
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger.Pass pass =
          Ledger.bundled()
              .update(homes, store, Map.of("claude-code", Set.of("github")), dir.resolve("state"));
      assertThat(pass.files()).isEqualTo(2);

      Inventory inv =
          UsageSummary.attach(
              of(List.of(annGithub, bobGithub), List.of()), store.usageSince(Instant.EPOCH));

      assertThat(inv.servers())
          .extracting(s -> s.osUser() + "=" + s.usage().calls())
          .containsExactly("ann=1", "bob=3");
      assertThat(inv.servers().get(1).usage().projects()).containsExactly("/home/bob/src");
      assertThat(inv.removedServerUsage()).isEmpty();
    }
  }

  @Test
  void theGuardsRecordOfACallAnAccountsTranscriptAlsoHoldsCountsOnce() {
    McpServer annGithub = npx("github", "gh-mcp", "1.0.0").toBuilder().osUser("ann").build();
    long minute = Instant.parse("2026-11-21T09:01:00Z").toEpochMilli() / 60_000L;
    List<dev.daylight.agent.store.UsageBucket> buckets =
        List.of(
            new dev.daylight.agent.store.UsageBucket(
                "claude-code-jsonl",
                "cursor",
                "github",
                "create_issue",
                "/p",
                minute,
                2,
                0,
                minute * 60_000L,
                minute * 60_000L,
                "ann"),
            new dev.daylight.agent.store.UsageBucket(
                "daylight-guard-spool",
                "cursor",
                "github",
                "create_issue",
                "/p",
                minute,
                2,
                1,
                minute * 60_000L,
                minute * 60_000L,
                ""));

    Inventory inv = UsageSummary.attach(of(List.of(annGithub), List.of()), buckets);

    assertThat(inv.servers().get(0).usage().calls()).isEqualTo(2);
    assertThat(inv.servers().get(0).usage().tools().get(0).errors()).isEqualTo(1);
  }

  @Test
  void theUsageCommandReadsAllUsersOfThisMachineOnly() {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = dev.daylight.agent.cli.CliAccess.commandLine();
    cli.setErr(new java.io.PrintWriter(err));
    cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));

    int code =
        cli.execute(
            "usage",
            "--all-users",
            "--home",
            dir.toString(),
            "--state-dir",
            dir.resolve("state").toString());

    assertThat(code).isEqualTo(dev.daylight.agent.cli.ExitCodes.USAGE);
    assertThat(err.toString()).contains("--all-users reads this machine");
  }
}
