package dev.daylight.agent.usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;

/**
 * Client databases for the ledger's benchmark: a Goose {@code sessions.db} and an opencode {@code
 * opencode.db} of about the given size each, in the clients' schemas ({@link ClientDbFixtures}),
 * with text messages, built-in and MCP tool calls and large results.
 */
final class BenchDbs {
  private BenchDbs() {}

  /** Generates both stores once (kept between runs); returns their total size. */
  static long generate(Path home, long eachBytes) throws IOException {
    Path goose = home.resolve(ClientDbFixtures.GOOSE_DB);
    Path opencode = home.resolve(ClientDbFixtures.OPENCODE_DB);
    if (!Files.exists(goose)) {
      Files.createDirectories(goose.getParent());
      try (Connection c = ClientDbFixtures.goose(goose)) {
        fillGoose(c, eachBytes);
      } catch (SQLException e) {
        throw new IOException(e);
      }
      try (Connection c = ClientDbFixtures.opencode(opencode)) {
        fillOpencode(c, eachBytes);
      } catch (SQLException e) {
        throw new IOException(e);
      }
    }
    return Files.size(goose) + Files.size(opencode);
  }

  private static void fillGoose(Connection c, long bytes) throws SQLException {
    Random rnd = new Random(7);
    String filler = "lorem ipsum dolor sit amet ".repeat(400);
    String[] tools = {
      "github__create_issue", "postmark__send-email", "developer__shell", "developer__text_editor"
    };
    c.setAutoCommit(false);
    long written = 0;
    long t = ClientDbFixtures.T;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO messages (session_id, role, content_json,"
                + " created_timestamp, metadata_json) VALUES ('20261120_1', ?, ?, ?, '{}')")) {
      for (int n = 0; written < bytes; n++) {
        t += 1 + rnd.nextInt(20);
        String text = filler.substring(0, 200 + rnd.nextInt(3000));
        String request =
            "[{\"type\":\"text\",\"text\":\""
                + text.substring(0, 100)
                + "\"},{\"type\":\"toolRequest\","
                + "\"id\":\"tq_"
                + n
                + "\",\"toolCall\":{\"status\":\"success\",\"value\":{\"name\":\""
                + tools[rnd.nextInt(tools.length)]
                + "\",\"arguments\":{\"body\":\""
                + filler.substring(0, 100 + rnd.nextInt(1500))
                + "\"}}}}]";
        String response =
            "[{\"type\":\"toolResponse\",\"id\":\"tq_"
                + n
                + "\",\"toolResult\":{\"status\":\"success\","
                + "\"value\":{\"content\":[{\"type\":\"text\",\"text\":\""
                + filler.substring(0, 500 + rnd.nextInt(8000))
                + "\"}],\"isError\":"
                + (rnd.nextInt(20) == 0)
                + "}}}]";
        String[][] rows = {
          {"user", "[{\"type\":\"text\",\"text\":\"" + text + "\"}]"},
          {"assistant", request},
          {"user", response}
        };
        for (String[] row : rows) {
          ps.setString(1, row[0]);
          ps.setString(2, row[1]);
          ps.setLong(3, t);
          ps.addBatch();
          written += row[1].length() + 40;
        }
        if (n % 500 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    c.commit();
  }

  private static void fillOpencode(Connection c, long bytes) throws SQLException {
    Random rnd = new Random(11);
    String filler = "lorem ipsum dolor sit amet ".repeat(400);
    String[] tools = {"github_create_issue", "postmark_send-email", "bash", "read", "edit"};
    c.setAutoCommit(false);
    long written = 0;
    long ms = ClientDbFixtures.T * 1000L;
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO part VALUES (?, 'msg_1', 'ses_1', ?, ?, ?)")) {
      for (int n = 0; written < bytes; n++) {
        ms += 1000 + rnd.nextInt(20_000);
        String text =
            "{\"type\":\"text\",\"text\":\"" + filler.substring(0, 200 + rnd.nextInt(3000)) + "\"}";
        String tool =
            "{\"type\":\"tool\",\"callID\":\"call_"
                + n
                + "\",\"tool\":\""
                + tools[rnd.nextInt(tools.length)]
                + "\",\"state\":{\"status\":\""
                + (rnd.nextInt(20) == 0 ? "error" : "completed")
                + "\",\"input\":{\"body\":\""
                + filler.substring(0, 100 + rnd.nextInt(1500))
                + "\"},\"output\":\""
                + filler.substring(0, 500 + rnd.nextInt(8000))
                + "\",\"time\":{\"start\":"
                + (ms - 500)
                + ",\"end\":"
                + ms
                + "}}}";
        String[][] rows = {{"prt_t" + n, text}, {"prt_c" + n, tool}};
        for (String[] row : rows) {
          ps.setString(1, row[0]);
          ps.setLong(2, ms);
          ps.setLong(3, ms);
          ps.setString(4, row[1]);
          ps.addBatch();
          written += row[1].length() + 40;
        }
        if (n % 500 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    c.commit();
  }
}
