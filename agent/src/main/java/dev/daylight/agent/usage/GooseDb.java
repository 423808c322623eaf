package dev.daylight.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Goose's {@code sessions.db}: table {@code messages (id INTEGER PRIMARY KEY AUTOINCREMENT,
 * session_id, role, content_json, created_timestamp)} with {@code content_json} the message's
 * content array ({@code toolRequest} items naming EXTENSION__TOOL, {@code toolResponse} items with
 * {@code toolResult.status} and {@code value.isError}); {@code sessions.working_dir} is the
 * project. Rows are read after the last message id read. Goose rewrites a session's messages under
 * new ids when it replaces a conversation (compaction, import): a tool request older than what was
 * read before (by its created time, with a margin) or whose id was just counted is such a copy. The
 * cursor is {@code LAST-ID:LATEST-CREATED-SECONDS}.
 */
final class GooseDb implements Parser.Database {
  private static final int PAGE = 2_000;
  private static final long COPY_MARGIN_S = 300;

  @Override
  public void read(Path db, Reading r) throws IOException {
    long[] cursor = cursor(r.cursor);
    long lastId = cursor[0];
    long latest = cursor[1];
    long before = latest;
    try (ClientDb store = ClientDb.open(db)) {
      store.requireTables("messages", "sessions");
      long top;
      try (PreparedStatement ps =
              store.prepare(
                  "SELECT COALESCE(MAX(id), 0) FROM messages WHERE typeof(id) = 'integer'");
          ResultSet rs = ps.executeQuery()) {
        top = rs.next() ? rs.getLong(1) : 0;
      }
      try (PreparedStatement ps =
          store.prepare(
              "SELECT m.id, m.created_timestamp, s.working_dir,"
                  + " CASE WHEN length(CAST(m.content_json AS BLOB)) > ? THEN NULL ELSE m.content_json END"
                  + " FROM messages m LEFT JOIN sessions s ON s.id = m.session_id"
                  // Integer ids only: a REAL or TEXT id, read as a long, would not move the cursor.
                  + " WHERE typeof(m.id) = 'integer' AND m.id > ? AND m.id <= ? AND (instr(m.content_json, 'toolRequest') > 0"
                  + " OR instr(m.content_json, 'toolResponse') > 0) ORDER BY m.id LIMIT ?")) {
        long from = lastId;
        while (true) {
          long pageFrom = from;
          ps.setInt(1, ClientDb.MAX_ROW);
          ps.setLong(2, from);
          ps.setLong(3, top);
          ps.setInt(4, PAGE);
          int rows = 0;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows++;
              from = rs.getLong(1);
              long created = rs.getLong(2);
              String content = rs.getString(4);
              latest = Math.max(latest, created);
              if (content == null || created <= 0) {
                r.skipped++; // over the row cap, or no usable time: counted, never at epoch 0
                continue;
              }
              r.project = rs.getString(3);
              boolean copy = before > 0 && created < before - COPY_MARGIN_S;
              message(content, created * 1000L, copy, r);
            }
          }
          if (rows < PAGE || from <= pageFrom) {
            break; // the last page, or one that did not move the cursor (never read twice)
          }
        }
      }
      r.cursor = Math.max(lastId, top) + ":" + latest;
    } catch (SQLException e) {
      throw new ClientDb.Unreadable("database unreadable (" + ClientDb.reason(e) + ")", e);
    }
  }

  private static void message(String content, long at, boolean copy, Reading r) {
    JsonNode items;
    try {
      byte[] b = content.getBytes(StandardCharsets.UTF_8);
      items = Trees.array(b, b.length);
    } catch (IOException malformed) {
      r.skipped++;
      return;
    }
    for (JsonNode item : items) {
      String type = Trees.text(item, "type");
      String id = Trees.text(item, "id");
      if ("toolRequest".equals(type)) {
        JsonNode call = item.path("toolCall");
        String name = Trees.text(call.path("value"), "name");
        boolean malformed = !"success".equals(Trees.text(call, "status"));
        if (copy || id == null || !r.firstSight(id)) {
          continue;
        }
        r.naming
            .split(name, r.knownServers)
            .ifPresent(s -> r.call(s.server(), s.tool(), at, malformed, id));
      } else if ("toolResponse".equals(type)) {
        JsonNode result = item.path("toolResult");
        r.result(
            id,
            "error".equals(Trees.text(result, "status"))
                || result.path("value").path("isError").asBoolean(false));
      }
    }
  }

  private static long[] cursor(String text) {
    if (text != null) {
      int colon = text.indexOf(':');
      try {
        return new long[] {
          Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1))
        };
      } catch (RuntimeException fromAnotherVersion) {
        // read again from the start; ids seen are still remembered
      }
    }
    return new long[] {0, 0};
  }
}
