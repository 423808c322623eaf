package dev.daylight.agent.usage;

import static dev.daylight.agent.usage.UsageHome.all;
import static dev.daylight.agent.usage.UsageHome.calls;
import static dev.daylight.agent.usage.UsageHome.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.UsageBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each client's fixture records, in its real shape and place, give the right counts. */
class LedgerFixturesTest {
  @TempDir Path dir;

  @Test
  void everyCoveredClientsRecordsAreCountedPerServerAndTool() {
    UsageHome home = new UsageHome(dir).withAllFixtures();
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger.Pass pass = home.pass(store);
      List<UsageBucket> b = all(store);

      assertThat(pass.files()).isEqualTo(12);
      assertThat(pass.errors()).isEmpty();
      // Claude Code: two sends (one failed), one issue; Bash is no MCP tool; a broken line is
      // skipped.
      assertThat(calls(b, "claude-code", "postmark", "send-email")).isEqualTo(2);
      assertThat(errors(b, "claude-code", "postmark", "send-email")).isEqualTo(1);
      assertThat(calls(b, "claude-code", "github", "create_issue")).isEqualTo(1);
      assertThat(b).noneMatch(x -> x.tool().equals("Bash") || x.server().equals("broken"));
      // Claude Desktop: a full JSON-RPC call that failed, and a summary line that names no tool.
      assertThat(calls(b, "claude-desktop", "postmark", "send-email")).isEqualTo(1);
      assertThat(errors(b, "claude-desktop", "postmark", "send-email")).isEqualTo(1);
      assertThat(calls(b, "claude-desktop", "postmark", "(unnamed)")).isEqualTo(1);
      // Codex: mcp__ names and the older SERVER__TOOL; shell is built in.
      assertThat(calls(b, "codex", "github", "create_issue")).isEqualTo(1);
      assertThat(calls(b, "codex", "github", "list_issues")).isEqualTo(1);
      assertThat(errors(b, "codex", "github", "list_issues")).isEqualTo(1);
      // Gemini CLI: a rewritten message counts once; a server name with '_' is split by config.
      // Its older whole-JSON chat adds a failed send and one finished lookup (one still running).
      assertThat(calls(b, "gemini-cli", "postmark", "send-email")).isEqualTo(2);
      assertThat(errors(b, "gemini-cli", "postmark", "send-email")).isEqualTo(1);
      assertThat(calls(b, "gemini-cli", "my_server", "lookup")).isEqualTo(2);
      assertThat(errors(b, "gemini-cli", "my_server", "lookup")).isEqualTo(1);
      assertThat(b).noneMatch(x -> x.tool().equals("read_file") || x.server().equals("read"));
      // Cline: partial messages and resource reads are no tool calls.
      assertThat(calls(b, "cline", "github", "create_issue")).isEqualTo(1);
      assertThat(calls(b, "cline", "github", "search_code")).isEqualTo(1);
      // VS Code: the server from the log's name, both line styles, an error response.
      assertThat(calls(b, "vscode", "github", "create_issue")).isEqualTo(1);
      assertThat(errors(b, "vscode", "github", "list_issues")).isEqualTo(1);
      // Goose: extension__tool names, a failed tool result.
      assertThat(calls(b, "goose", "github", "create_issue")).isEqualTo(1);
      assertThat(errors(b, "goose", "github", "create_issue")).isEqualTo(1);
      // Cursor's own MCP log: two sends (one failed), one template listing; the server from the
      // file name.
      assertThat(calls(b, "cursor", "postmark", "send-email")).isEqualTo(2);
      assertThat(errors(b, "cursor", "postmark", "send-email")).isEqualTo(1);
      assertThat(calls(b, "cursor", "postmark", "list-templates")).isEqualTo(1);
      // Goose's sessions.db: a send whose result says isError, and a shell call.
      assertThat(calls(b, "goose", "developer", "shell")).isEqualTo(2);
      assertThat(calls(b, "goose", "postmark", "send-email")).isEqualTo(1);
      assertThat(errors(b, "goose", "postmark", "send-email")).isEqualTo(1);
      // opencode's opencode.db: final tool parts only; its own tools (bash, apply_patch) are no MCP
      // calls.
      assertThat(calls(b, "opencode", "github", "create_issue")).isEqualTo(1);
      assertThat(calls(b, "opencode", "github", "list_issues")).isEqualTo(1);
      assertThat(errors(b, "opencode", "github", "list_issues")).isEqualTo(1);
      assertThat(
              b.stream()
                  .filter(x -> x.client().equals("opencode"))
                  .mapToLong(UsageBucket::calls)
                  .sum())
          .isEqualTo(2);
      // The guard's spool: its own client; a denial is a failed call.
      assertThat(
              b.stream()
                  .filter(x -> x.source().equals("daylight-guard-spool"))
                  .mapToLong(UsageBucket::calls)
                  .sum())
          .isEqualTo(3);
      assertThat(
              b.stream()
                  .filter(x -> x.source().equals("daylight-guard-spool"))
                  .mapToLong(UsageBucket::errors)
                  .sum())
          .isEqualTo(1);

      assertThat(b.stream().map(UsageBucket::project).collect(Collectors.toSet()))
          .contains("/home/ann/src/shop", "/home/ann/src/api", "/home/ann/src/infra");
      assertThat(b.stream().filter(x -> x.client().equals("gemini-cli")).map(UsageBucket::project))
          .containsOnly("/home/ann/src/shop");
      assertThat(pass.skipped()).isEqualTo(1);
    }
  }

  @Test
  void aFileReachedUnderTwoCatalogPathsIsReadAndCountedOnce() throws Exception {
    UsageHome home = new UsageHome(dir).withAllFixtures();
    Path original = home.home.resolve(UsageHome.CLAUDE_CODE);
    Path twin = home.home.resolve(".claude/projects/-home-ann-src-twin/5c1d.jsonl");
    Files.createDirectories(twin.getParent());
    Files.createLink(twin, original);
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger.Pass pass = home.pass(store);

      assertThat(pass.files()).isEqualTo(12);
      assertThat(pass.filesRead()).isEqualTo(12);
      assertThat(calls(all(store), "claude-code", "postmark", "send-email")).isEqualTo(2);
    }
  }
}
