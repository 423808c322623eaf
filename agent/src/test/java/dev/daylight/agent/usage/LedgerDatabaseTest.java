package dev.daylight.agent.usage;

import static dev.daylight.agent.usage.UsageHome.all;
import static dev.daylight.agent.usage.UsageHome.calls;
import static dev.daylight.agent.usage.UsageHome.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.agent.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients' SQLite stores are read incrementally and read-only: what was counted is not counted
 * again when the client rewrites its rows, a store being written (WAL) is read through its journal,
 * nothing is created beside it, and a corrupt store or an oversized row is one error or one skipped
 * record while the rest is read.
 */
class LedgerDatabaseTest {
  @TempDir Path dir;

  @Test
  void gooseMessagesAreReadOnceEvenWhenGooseRewritesAConversation() throws Exception {
    UsageHome home = new UsageHome(dir);
    Path db = home.home.resolve(ClientDbFixtures.GOOSE_DB);
    try (Store store = Store.open(dir.resolve("store"));
        Connection c = ClientDbFixtures.goose(db)) {
      home.pass(store);
      assertThat(calls(all(store), "goose", "postmark", "send-email")).isEqualTo(1);
      assertThat(errors(all(store), "goose", "postmark", "send-email")).isEqualTo(1);
      assertThat(home.pass(store).filesRead()).isZero();

      long later = ClientDbFixtures.T + 3_600;
      ClientDbFixtures.gooseMessage(
          c,
          "20261120_1",
          "assistant",
          later,
          ClientDbFixtures.request("tq_3", "postmark__send-email"));
      assertThat(home.pass(store).calls()).isEqualTo(1);
      assertThat(calls(all(store), "goose", "postmark", "send-email")).isEqualTo(2);

      // Compaction: Goose deletes the session's messages and inserts them again under new ids.
      ClientDbFixtures.exec(
          c,
          "CREATE TEMP TABLE copy AS SELECT role, content_json, created_timestamp"
              + " FROM messages ORDER BY id",
          "DELETE FROM messages",
          "INSERT INTO messages (session_id, role,"
              + " content_json, created_timestamp) SELECT '20261120_1', role, content_json, created_timestamp FROM copy");
      Ledger.Pass rewritten = home.pass(store);
      assertThat(rewritten.filesRead()).isEqualTo(1);
      assertThat(rewritten.calls()).isZero();
      assertThat(calls(all(store), "goose", "postmark", "send-email")).isEqualTo(2);
      assertThat(calls(all(store), "goose", "developer", "shell")).isEqualTo(1);
      assertThat(all(store)).allMatch(b -> b.project().equals("/home/ann/src/shop"));
    }
  }

  @Test
  void anOpencodeCallCountsOnceWhenItsPartEndsAndNotAgainWhenTheSessionIsCompacted()
      throws Exception {
    UsageHome home = new UsageHome(dir);
    Path db = home.home.resolve(ClientDbFixtures.OPENCODE_DB);
    long ms = ClientDbFixtures.T * 1000L;
    try (Store store = Store.open(dir.resolve("store"));
        Connection c = ClientDbFixtures.opencode(db)) {
      home.pass(store);
      assertThat(calls(all(store), "opencode", "github", "search_code")).isZero();

      long done = ms + 300_000;
      ClientDbFixtures.part(
          c,
          "prt_5",
          done,
          ClientDbFixtures.toolPart("call_5", "github_search_code", "completed", ms - 100, done));
      assertThat(home.pass(store).calls()).isEqualTo(1);

      // Compaction marks old outputs as compacted: the parts are written again, later.
      ClientDbFixtures.part(
          c,
          "prt_1",
          done + 600_000,
          ClientDbFixtures.toolPart("call_1", "github_create_issue", "completed", ms - 500, ms));
      Ledger.Pass compacted = home.pass(store);
      assertThat(compacted.filesRead()).isEqualTo(1);
      assertThat(compacted.calls()).isZero();
      assertThat(calls(all(store), "opencode", "github", "create_issue")).isEqualTo(1);
      assertThat(calls(all(store), "opencode", "github", "search_code")).isEqualTo(1);
      assertThat(all(store)).allMatch(b -> b.project().equals("/home/ann/src/api"));
    }
  }

  /**
   * A store whose keys are not integers (a schema a user wrote, or REAL values in an INTEGER
   * column) cannot hold the pass in a loop: such rows are not read, the rest are, and it ends. One
   * user's file once stopped every account's scans this way.
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void rowsWhoseKeysAreNotIntegersAreLeftAndThePassEnds() throws Exception {
    UsageHome home = new UsageHome(dir);
    Path gooseDb = home.home.resolve(ClientDbFixtures.GOOSE_DB);
    Path opencodeDb = home.home.resolve(ClientDbFixtures.OPENCODE_DB);
    String loop = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100) ";
    try (Store store = Store.open(dir.resolve("store"));
        Connection goose = ClientDbFixtures.open(gooseDb);
        Connection opencode = ClientDbFixtures.opencode(opencodeDb)) {
      ClientDbFixtures.exec(
          goose,
          "CREATE TABLE sessions (id TEXT PRIMARY KEY, working_dir TEXT)",
          "CREATE TABLE messages (id, session_id TEXT, content_json TEXT,"
              + " created_timestamp INTEGER)",
          "INSERT INTO sessions VALUES ('s', '/home/ann/src')");
      ClientDbFixtures.insert(
          goose,
          loop
              + "INSERT INTO messages SELECT 1 + i / 10000.0, 's', ?, "
              + ClientDbFixtures.T
              + " FROM n",
          ClientDbFixtures.request("tq_r", "postmark__send-email"));
      ClientDbFixtures.insert(
          goose,
          "INSERT INTO messages VALUES (3, 's', ?, " + ClientDbFixtures.T + ")",
          ClientDbFixtures.request("tq_3", "postmark__send-email"));
      long ms = ClientDbFixtures.T * 1000L;
      ClientDbFixtures.insert(
          opencode,
          loop
              + "INSERT INTO part SELECT 'h' || i, 'msg_1', 'ses_1', 0, "
              + ms
              + " + 0.5, ? FROM n",
          ClientDbFixtures.toolPart("call_h", "github_create_issue", "completed", ms - 9, ms));

      Ledger.Pass pass = home.pass(store);

      assertThat(pass.errors()).isEmpty();
      assertThat(calls(all(store), "goose", "postmark", "send-email")).isEqualTo(1);
      assertThat(calls(all(store), "opencode", "github", "create_issue")).isEqualTo(1);
    }
  }

  @Test
  void aStoreBeingWrittenIsReadThroughItsJournalAndNothingIsCreatedBesideIt() throws Exception {
    UsageHome home = new UsageHome(dir);
    Path db = home.home.resolve(ClientDbFixtures.GOOSE_DB);
    Path opencode = home.home.resolve(ClientDbFixtures.OPENCODE_DB);
    ClientDbFixtures.close(ClientDbFixtures.opencode(opencode));
    try (Store store = Store.open(dir.resolve("store"));
        Connection c = ClientDbFixtures.open(db)) {
      // Goose's own settings: WAL, and rows still only in the journal (no checkpoint yet).
      ClientDbFixtures.exec(c, "PRAGMA journal_mode=WAL", "PRAGMA wal_autocheckpoint=0");
      ClientDbFixtures.goose(c);
      assertThat(db.resolveSibling("sessions.db-wal")).exists();
      List<String> gooseBefore = names(db.getParent());
      List<String> opencodeBefore = names(opencode.getParent());

      home.pass(store);

      assertThat(calls(all(store), "goose", "postmark", "send-email")).isEqualTo(1);
      assertThat(calls(all(store), "opencode", "github", "create_issue")).isEqualTo(1);
      assertThat(names(db.getParent())).isEqualTo(gooseBefore);
      assertThat(names(opencode.getParent()))
          .isEqualTo(opencodeBefore)
          .containsExactly("opencode.db");
    }
  }

  @Test
  void aStoreLockedByItsClientIsReadAsLastCommittedWithoutWaiting() throws Exception {
    UsageHome home = new UsageHome(dir);
    Path db = home.home.resolve(ClientDbFixtures.GOOSE_DB);
    ClientDbFixtures.close(ClientDbFixtures.goose(db));
    try (Store store = Store.open(dir.resolve("store"));
        Connection writer = ClientDbFixtures.open(db)) {
      ClientDbFixtures.exec(writer, "BEGIN EXCLUSIVE");
      ClientDbFixtures.gooseMessage(
          writer,
          "20261120_1",
          "assistant",
          ClientDbFixtures.T + 60,
          ClientDbFixtures.request("tq_locked", "postmark__send-email"));
      try (Connection other = ClientDbFixtures.open(db)) {
        assertThatThrownBy(() -> ClientDbFixtures.exec(other, "SELECT COUNT(*) FROM messages"))
            .hasMessageContaining("SQLITE_BUSY"); // the lock is real: an ordinary reader is refused
      }

      Ledger.Pass locked = home.pass(store);
      assertThat(locked.errors()).isEmpty();
      assertThat(calls(all(store), "goose", "postmark", "send-email")).isEqualTo(1);

      ClientDbFixtures.exec(writer, "COMMIT");
    }
    try (Store store = Store.open(dir.resolve("store"))) {
      assertThat(home.pass(store).calls()).isEqualTo(1);
      assertThat(calls(all(store), "goose", "postmark", "send-email")).isEqualTo(2);
    }
  }

  @Test
  void aCorruptStoreOrAChatCaughtMidRewriteIsOneErrorEachAndAnOversizedRowOneSkippedRecord()
      throws Exception {
    UsageHome home = new UsageHome(dir).withAllFixtures();
    Path chat = home.home.resolve(UsageHome.GEMINI_JSON);
    byte[] whole = Files.readAllBytes(chat);
    Files.write(
        chat, java.util.Arrays.copyOf(whole, whole.length / 2)); // caught while Gemini rewrote it
    Path goose = home.home.resolve(ClientDbFixtures.GOOSE_DB);
    Path opencode = home.home.resolve(ClientDbFixtures.OPENCODE_DB);
    byte[] bytes = Files.readAllBytes(opencode);
    for (int i = 100; i < bytes.length; i += 7) {
      bytes[i] = (byte) 0xA5; // schema and pages overwritten, the header left as it was
    }
    Files.write(opencode, bytes);
    try (Connection c = ClientDbFixtures.open(goose)) {
      String huge =
          "[{\"type\":\"toolRequest\",\"id\":\"big\",\"toolCall\":{\"status\":\"success\",\"value\":"
              + "{\"name\":\"postmark__send-email\",\"arguments\":{\"body\":\""
              + "x".repeat(LineReader.MAX_LINE)
              + "\"}}}}]";
      ClientDbFixtures.gooseMessage(c, "20261120_1", "assistant", ClientDbFixtures.T + 30, huge);
    }
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger.Pass pass = home.pass(store);

      assertThat(pass.errors())
          .hasSize(2)
          .anySatisfy(
              e -> {
                assertThat(e.path()).endsWith("opencode.db");
                assertThat(e.reason()).contains("database");
              })
          .anySatisfy(e -> assertThat(e.path()).endsWith(".json"));
      assertThat(pass.skipped())
          .isEqualTo(2); // the fixtures' broken transcript line, and the huge row
      assertThat(calls(all(store), "goose", "postmark", "send-email")).isEqualTo(1);
      assertThat(calls(all(store), "claude-code", "postmark", "send-email")).isEqualTo(2);
      assertThat(calls(all(store), "gemini-cli", "postmark", "send-email"))
          .isEqualTo(1); // the JSON-lines chat
      assertThat(all(store)).noneMatch(b -> b.client().equals("opencode"));
    }
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
