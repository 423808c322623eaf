package dev.daylight.agent.usage;

import static dev.daylight.agent.usage.UsageHome.all;
import static dev.daylight.agent.usage.UsageHome.calls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second pass reads only what was appended, and survives rotation, truncation and garbage. */
class LedgerIncrementalTest {
  private static final String CALL =
      "{\"cwd\":\"/home/ann/src/shop\",\"type\":\"assistant\",\"message\":"
          + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_%s\","
          + "\"name\":\"mcp__postmark__send-email\",\"input\":{}}]},\"timestamp\":\"2026-11-21T09:00:00.000Z\"}\n";
  private static final String DESKTOP_CALL =
      "2026-11-21T09:00:00.000Z [info] [postmark] Message from client: "
          + "{\"method\":\"tools/call\",\"params\":{\"name\":\"send-email\",\"arguments\":{}},\"jsonrpc\":\"2.0\",\"id\":%d}\n";

  @TempDir Path dir;

  @Test
  void aSecondPassReadsOnlyTheAppendedBytes() throws IOException {
    UsageHome home = new UsageHome(dir).withAllFixtures();
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger.Pass first = home.pass(store);
      assertThat(first.bytesRead()).isGreaterThan(0);

      Ledger.Pass idle = home.pass(store);
      assertThat(idle.filesRead()).isZero();
      assertThat(idle.bytesRead()).isZero();

      byte[] line = String.format(CALL, "99").getBytes(StandardCharsets.UTF_8);
      Path transcript = home.home.resolve(UsageHome.CLAUDE_CODE);
      long before = Files.size(transcript);
      Files.write(transcript, line, StandardOpenOption.APPEND);
      Ledger.Pass second = home.pass(store);

      assertThat(second.filesRead()).isEqualTo(1);
      // The fixture ends with a broken line that has a newline: everything before the append was
      // consumed.
      assertThat(second.bytesRead()).isEqualTo(line.length);
      assertThat(Files.size(transcript)).isEqualTo(before + line.length);
      assertThat(calls(all(store), "claude-code", "postmark", "send-email")).isEqualTo(3);
    }
  }

  @Test
  void aFailureWrittenAfterThePassIsCountedAgainstItsCallInTheNext() throws IOException {
    UsageHome home = new UsageHome(dir);
    Path transcript = home.home.resolve(UsageHome.CLAUDE_CODE);
    UsageHome.write(transcript, String.format(CALL, "42"));
    try (Store store = Store.open(dir.resolve("store"))) {
      home.pass(store);
      Files.writeString(
          transcript,
          "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":"
              + "[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_42\",\"content\":\"no\",\"is_error\":true}]},"
              + "\"timestamp\":\"2026-11-21T09:00:03.000Z\"}\n",
          StandardOpenOption.APPEND);
      home.pass(store);
      assertThat(calls(all(store), "claude-code", "postmark", "send-email")).isEqualTo(1);
      assertThat(UsageHome.errors(all(store), "claude-code", "postmark", "send-email"))
          .isEqualTo(1);
    }
  }

  @Test
  void aLastLineWithoutItsNewlineWaitsUntilItIsComplete() throws IOException {
    UsageHome home = new UsageHome(dir);
    Path transcript = home.home.resolve(UsageHome.CLAUDE_CODE);
    String whole = String.format(CALL, "1");
    UsageHome.write(transcript, whole.substring(0, 60));
    try (Store store = Store.open(dir.resolve("store"))) {
      home.pass(store);
      assertThat(calls(all(store), "claude-code", "postmark", "send-email")).isZero();
      Files.writeString(transcript, whole.substring(60), StandardOpenOption.APPEND);
      home.pass(store);
      assertThat(calls(all(store), "claude-code", "postmark", "send-email")).isEqualTo(1);
    }
  }

  @Test
  void aRotatedLogCarriesOnUnderItsNewNameAndTheNewLogIsReadFromItsStart() throws IOException {
    UsageHome home = new UsageHome(dir);
    Path log = home.home.resolve(UsageHome.DESKTOP);
    UsageHome.write(log, String.format(DESKTOP_CALL, 1) + String.format(DESKTOP_CALL, 2));
    try (Store store = Store.open(dir.resolve("store"))) {
      home.pass(store);
      Path rotated = log.resolveSibling("mcp-server-postmark1.log");
      Files.move(log, rotated);
      Files.writeString(rotated, String.format(DESKTOP_CALL, 3), StandardOpenOption.APPEND);
      UsageHome.write(log, String.format(DESKTOP_CALL, 4));
      home.pass(store);
      // 2 before, 1 appended to the renamed file, 1 in the new file: nothing read twice.
      assertThat(calls(all(store), "claude-desktop", "postmark", "send-email")).isEqualTo(4);
    }
  }

  @Test
  void aTruncatedLogIsReadAgainFromItsStartAndKeepsWhatItCountedBefore() throws IOException {
    UsageHome home = new UsageHome(dir);
    Path log = home.home.resolve(UsageHome.DESKTOP);
    UsageHome.write(log, String.format(DESKTOP_CALL, 1) + String.format(DESKTOP_CALL, 2));
    try (Store store = Store.open(dir.resolve("store"))) {
      home.pass(store);
      Files.writeString(log, String.format(DESKTOP_CALL, 3), StandardOpenOption.TRUNCATE_EXISTING);
      home.pass(store);
      assertThat(calls(all(store), "claude-desktop", "postmark", "send-email")).isEqualTo(3);
    }
  }

  @Test
  void garbageOversizedLinesAndMalformedRecordsAreSkippedWithACountAndTheRestIsRead()
      throws IOException {
    UsageHome home = new UsageHome(dir).withAllFixtures();
    byte[] garbage = new byte[64 << 10];
    new java.util.Random(7).nextBytes(garbage);
    UsageHome.write(home.home.resolve(".claude/projects/-x/garbage.jsonl"), "");
    Files.write(home.home.resolve(".claude/projects/-x/garbage.jsonl"), garbage);
    char[] huge = new char[LineReader.MAX_LINE + 10];
    Arrays.fill(huge, 'x');
    String oversized =
        "{\"name\":\"mcp__postmark__send-email\",\"pad\":\"" + new String(huge) + "\"}\n";
    Files.writeString(
        home.home.resolve(".claude/projects/-x/big.jsonl"), oversized + String.format(CALL, "7"));
    UsageHome.write(
        home.home.resolve(UsageHome.CLINE.replace("1763635200000", "2")),
        "[{\"ts\": 1, \"type\": ");
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger.Pass pass = home.pass(store);
      assertThat(pass.skipped()).isGreaterThanOrEqualTo(2);
      assertThat(pass.errors())
          .singleElement()
          .satisfies(e -> assertThat(e.path()).endsWith("ui_messages.json"));
      assertThat(calls(all(store), "claude-code", "postmark", "send-email")).isEqualTo(3);
      assertThat(calls(all(store), "cline", "github", "create_issue")).isEqualTo(1);
    }
  }
}
