package dev.daylight.agent.usage;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Goose's {@code sessions.db} and opencode's {@code opencode.db}, built in the clients' real
 * schemas (their CREATE TABLE statements), with canary strings in arguments, results and text.
 */
final class ClientDbFixtures {
  static final String GOOSE_DB = ".local/share/goose/sessions/sessions.db";
  static final String OPENCODE_DB = ".local/share/opencode/opencode.db";

  /** 2026-11-20T11:00:00Z in seconds. */
  static final long T = 1_795_172_400L + 86_400L * 2;

  private ClientDbFixtures() {}

  /** The tables Goose creates (session_manager.rs) with its later columns (migrations.rs). */
  static Connection goose(Path file) {
    return goose(open(file));
  }

  /** As {@link #goose(Path)} on a connection already open (in the journal mode the test set). */
  static Connection goose(Connection c) {
    exec(
        c,
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
        "INSERT INTO schema_version (version) VALUES (13)",
        "CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',"
            + " user_set_name BOOLEAN DEFAULT FALSE, session_type TEXT NOT NULL DEFAULT 'user', working_dir TEXT NOT NULL,"
            + " created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
            + " extension_data TEXT DEFAULT '{}', total_tokens INTEGER, input_tokens INTEGER, output_tokens INTEGER,"
            + " accumulated_total_tokens INTEGER, accumulated_input_tokens INTEGER, accumulated_output_tokens INTEGER,"
            + " schedule_id TEXT, recipe_json TEXT, user_recipe_values_json TEXT, provider_name TEXT,"
            + " model_config_json TEXT, goose_mode TEXT NOT NULL DEFAULT 'auto', thread_id TEXT, archived_at TIMESTAMP,"
            + " project_id TEXT, accumulated_cost REAL)",
        "CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(id),"
            + " role TEXT NOT NULL, content_json TEXT NOT NULL, created_timestamp INTEGER NOT NULL,"
            + " timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP, tokens INTEGER, metadata_json TEXT, message_id TEXT)",
        "CREATE INDEX idx_messages_session ON messages(session_id)");
    // Values go in as parameters, so the driver's statement log never holds a canary.
    insert(
        c,
        "INSERT INTO sessions (id, name, working_dir) VALUES (?, ?, ?)",
        "20261120_1",
        "CANARY-TEXT-55aa",
        "/home/ann/src/shop");
    gooseMessage(c, "20261120_1", "user", T, "[{\"type\":\"text\",\"text\":\"CANARY-TEXT-55aa\"}]");
    gooseMessage(c, "20261120_1", "assistant", T + 10, request("tq_1", "postmark__send-email"));
    gooseMessage(
        c,
        "20261120_1",
        "user",
        T + 12,
        "[{\"type\":\"toolResponse\",\"id\":\"tq_1\",\"toolResult\":"
            + "{\"status\":\"success\",\"value\":{\"content\":[{\"type\":\"text\",\"text\":\"CANARY-RESULT-91c2\"}],"
            + "\"isError\":true}}}]");
    gooseMessage(c, "20261120_1", "assistant", T + 20, request("tq_2", "developer__shell"));
    return c;
  }

  static String request(String id, String name) {
    return "[{\"type\":\"text\",\"text\":\"CANARY-TEXT-55aa\"},{\"type\":\"toolRequest\",\"id\":\""
        + id
        + "\","
        + "\"toolCall\":{\"status\":\"success\",\"value\":{\"name\":\""
        + name
        + "\","
        + "\"arguments\":{\"to\":\"CANARY-ARG-7f3a\"}}}}]";
  }

  static void gooseMessage(
      Connection c, String session, String role, long created, String content) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO messages (session_id, role, content_json, created_timestamp, metadata_json) VALUES (?,?,?,?,'{}')")) {
      ps.setString(1, session);
      ps.setString(2, role);
      ps.setString(3, content);
      ps.setLong(4, created);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * opencode's session, message and part tables (session.sql.ts, as json-migration.ts fills them).
   */
  static Connection opencode(Path file) {
    Connection c = open(file);
    exec(
        c,
        "CREATE TABLE project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, vcs TEXT, name TEXT,"
            + " time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, sandboxes TEXT NOT NULL)",
        "CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
            + " parent_id TEXT, slug TEXT NOT NULL, directory TEXT NOT NULL, title TEXT NOT NULL, version TEXT NOT NULL,"
            + " share_url TEXT, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, time_compacting INTEGER,"
            + " time_archived INTEGER)",
        "CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,"
            + " time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL)",
        "CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL REFERENCES message(id) ON DELETE CASCADE,"
            + " session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL)",
        "CREATE INDEX part_session_idx ON part(session_id)",
        "INSERT INTO project VALUES ('p1', '/home/ann/src/api', 'git', NULL, 0, 0, '[]')",
        "INSERT INTO message VALUES ('msg_1', 'ses_1', 0, 0, '{\"role\":\"assistant\"}')");
    insert(
        c,
        "INSERT INTO session VALUES ('ses_1', 'p1', NULL, 'calm-owl', ?, ?, '1.0.0', NULL, 0, 0, NULL, NULL)",
        "/home/ann/src/api",
        "CANARY-TEXT-55aa");
    long ms = T * 1000L;
    part(c, "prt_1", ms, toolPart("call_1", "github_create_issue", "completed", ms - 500, ms));
    part(c, "prt_2", ms + 1, toolPart("call_2", "github_list_issues", "error", ms - 400, ms + 1));
    part(c, "prt_3", ms + 2, toolPart("call_3", "bash", "completed", ms - 300, ms + 2));
    part(c, "prt_4", ms + 3, toolPart("call_4", "apply_patch", "completed", ms - 200, ms + 3));
    part(c, "prt_5", ms + 4, toolPart("call_5", "github_search_code", "running", ms - 100, 0));
    part(c, "prt_6", ms + 5, "{\"type\":\"text\",\"text\":\"CANARY-TEXT-55aa\"}");
    return c;
  }

  static String toolPart(String callId, String tool, String status, long start, long end) {
    String time =
        end > 0 ? "{\"start\":" + start + ",\"end\":" + end + "}" : "{\"start\":" + start + "}";
    String outcome =
        switch (status) {
          case "completed" ->
              ",\"output\":\"CANARY-RESULT-91c2\",\"title\":\"CANARY-TEXT-55aa\",\"metadata\":{}";
          case "error" -> ",\"error\":\"CANARY-RESULT-91c2\"";
          default -> "";
        };
    return "{\"type\":\"tool\",\"callID\":\""
        + callId
        + "\",\"tool\":\""
        + tool
        + "\",\"state\":{\"status\":\""
        + status
        + "\",\"input\":{\"title\":\"CANARY-ARG-7f3a\"}"
        + outcome
        + ",\"time\":"
        + time
        + "}}";
  }

  /** Inserts a part, or replaces it as opencode does when a part's state changes. */
  static void part(Connection c, String id, long updated, String data) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO part VALUES (?, 'msg_1', 'ses_1', ?, ?, ?)"
                + " ON CONFLICT(id) DO UPDATE SET time_updated = excluded.time_updated, data = excluded.data")) {
      ps.setString(1, id);
      ps.setLong(2, updated);
      ps.setLong(3, updated);
      ps.setString(4, data);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Connection open(Path file) {
    try {
      Files.createDirectories(file.getParent());
      return DriverManager.getConnection("jdbc:sqlite:" + file);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void insert(Connection c, String sql, String... values) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setString(i + 1, values[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void exec(Connection c, String... sql) {
    try (Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
