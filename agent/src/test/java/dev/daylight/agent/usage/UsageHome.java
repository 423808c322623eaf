package dev.daylight.agent.usage;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.UsageBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Linux home in a temp dir holding each client's fixture records where that client keeps them.
 */
final class UsageHome {
  static final String CLAUDE_CODE = ".claude/projects/-home-ann-src-shop/5c1d.jsonl";
  static final String DESKTOP = ".config/Claude/logs/mcp-server-postmark.log";
  static final String CODEX =
      ".codex/sessions/2026/11/20/rollout-2026-11-20T10-20-00-0199a1b2.jsonl";
  static final String GEMINI = ".gemini/tmp/shop/chats/session-2026-11-20T10-30-abcd1234.jsonl";
  static final String CLINE =
      ".config/Code/User/globalStorage/saoudrizwan.claude-dev/tasks/1763635200000/ui_messages.json";
  static final String VSCODE =
      ".config/Code/logs/20261120T105000/window1/mcpServer.mcp.config.usrlocal.github.log";
  static final String GOOSE = ".local/share/goose/sessions/20261120_110000.jsonl";
  static final String GEMINI_JSON = ".gemini/tmp/shop/chats/session-2026-11-19T09-00-e1f2a3b4.json";
  static final String CURSOR =
      ".config/Cursor/logs/20261120T115900/window1/exthost/anysphere.cursor-mcp/"
          + "MCP user-postmark.log";
  static final String SPOOL = "guard/spool.jsonl";

  /** Configured server names per client, as a scan of this home's configs would give them. */
  static final Map<String, Set<String>> KNOWN =
      Map.of(
          "claude-code", Set.of("postmark", "github"),
          "claude-desktop", Set.of("postmark"),
          "gemini-cli", Set.of("postmark", "my_server"),
          "vscode", Set.of("github"));

  final Path home;
  final Path state;

  UsageHome(Path dir) {
    this.home = dir.resolve("home");
    this.state = dir.resolve("state");
  }

  UsageHome withAllFixtures() {
    copy("claude-code.jsonl", home.resolve(CLAUDE_CODE));
    copy("mcp-server-postmark.log", home.resolve(DESKTOP));
    copy("codex-rollout.jsonl", home.resolve(CODEX));
    copy("gemini-chat.jsonl", home.resolve(GEMINI));
    write(home.resolve(".gemini/tmp/shop/.project_root"), "/home/ann/src/shop\n");
    copy("cline-ui_messages.json", home.resolve(CLINE));
    copy("vscode-mcpServer.log", home.resolve(VSCODE));
    copy("goose-session.jsonl", home.resolve(GOOSE));
    copy("guard-spool.jsonl", state.resolve(SPOOL));
    copy("gemini-chat-legacy.json", home.resolve(GEMINI_JSON));
    copy("cursor-mcp-user-postmark.log", home.resolve(CURSOR));
    ClientDbFixtures.close(ClientDbFixtures.goose(home.resolve(ClientDbFixtures.GOOSE_DB)));
    ClientDbFixtures.close(ClientDbFixtures.opencode(home.resolve(ClientDbFixtures.OPENCODE_DB)));
    return this;
  }

  ScanContext context() {
    return ScanContext.forHome(home, Os.LINUX);
  }

  Ledger.Pass pass(Store store) {
    return Ledger.bundled().update(context(), store, KNOWN, state);
  }

  static List<UsageBucket> all(Store store) {
    return store.usageSince(Instant.EPOCH);
  }

  /** Calls read from the client's own records (not the guard's spool). */
  static long calls(List<UsageBucket> buckets, String client, String server, String tool) {
    return clientRecords(buckets, client, server, tool).mapToLong(UsageBucket::calls).sum();
  }

  static long errors(List<UsageBucket> buckets, String client, String server, String tool) {
    return clientRecords(buckets, client, server, tool).mapToLong(UsageBucket::errors).sum();
  }

  private static java.util.stream.Stream<UsageBucket> clientRecords(
      List<UsageBucket> buckets, String client, String server, String tool) {
    return buckets.stream()
        .filter(
            b ->
                !b.source().equals("daylight-guard-spool")
                    && b.client().equals(client)
                    && b.server().equals(server)
                    && b.tool().equals(tool));
  }

  static void copy(String fixture, Path to) {
    try (InputStream in = UsageHome.class.getResourceAsStream("/usage/" + fixture)) {
      Files.createDirectories(to.getParent());
      Files.write(to, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path to, String text) {
    try {
      Files.createDirectories(to.getParent());
      Files.writeString(to, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
