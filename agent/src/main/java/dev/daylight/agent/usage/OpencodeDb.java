package dev.daylight.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * opencode's {@code opencode.db}: table {@code part (id, message_id, session_id, time_created,
 * time_updated, data)} where a tool call is a part {@code {"type":"tool", "callID", "tool",
 * "state": {"status": pending|running|completed|error, "time": {"start", "end"}}}} updated in place
 * as it runs; MCP tools are named SERVER_TOOL (both sanitised to letters, digits, '_' and '-');
 * {@code session.directory} is the project. A call counts once, when its part is final, by part id.
 * Parts are read from the last update time read on (less a margin); a final part that ended before
 * that was counted already (opencode later rewrites old parts when it compacts a session). The
 * cursor is the latest {@code time_updated} read, in epoch milliseconds.
 */
final class OpencodeDb implements Parser.Database {
  private static final int PAGE = 2_000;
  private static final long MARGIN_MS = 60_000;

  @Override
  public void read(Path db, Reading r) throws IOException {
    long mark = mark(r.cursor);
    long latest = mark;
    long from = Math.max(0, mark - MARGIN_MS);
    try (ClientDb store = ClientDb.open(db)) {
      store.requireTables("part", "session");
      try (PreparedStatement ps =
          store.prepare(
              "SELECT p.id, p.time_updated, s.directory,"
                  + " CASE WHEN length(CAST(p.data AS BLOB)) > ? THEN NULL ELSE p.data END"
                  + " FROM part p LEFT JOIN session s ON s.id = p.session_id"
                  // Integer times only: a REAL time, read as a long, would not move the cursor.
                  + " WHERE typeof(p.time_updated) = 'integer'"
                  + " AND (p.time_updated > ? OR (p.time_updated = ? AND p.id > ?))"
                  + " AND instr(p.data, '\"tool\"') > 0 ORDER BY p.time_updated, p.id LIMIT ?")) {
        long at = from - 1;
        String id = "";
        while (true) {
          long pageAt = at;
          String pageId = id;
          ps.setInt(1, ClientDb.MAX_ROW);
          ps.setLong(2, at);
          ps.setLong(3, at);
          ps.setString(4, id);
          ps.setInt(5, PAGE);
          int rows = 0;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows++;
              id = rs.getString(1);
              at = rs.getLong(2);
              latest = Math.max(latest, at);
              String data = rs.getString(4);
              if (data == null) {
                r.skipped++;
                continue;
              }
              r.project = rs.getString(3);
              part(id, data, mark, r);
            }
          }
          if (rows < PAGE || (at == pageAt && id.equals(pageId))) {
            break; // the last page, or one that did not move the cursor (never read twice)
          }
        }
      }
      r.cursor = Long.toString(latest);
    } catch (SQLException e) {
      throw new ClientDb.Unreadable("database unreadable (" + ClientDb.reason(e) + ")", e);
    }
  }

  private static void part(String id, String data, long mark, Reading r) {
    JsonNode part;
    try {
      byte[] b = data.getBytes(StandardCharsets.UTF_8);
      part = Trees.object(b, b.length);
    } catch (IOException malformed) {
      r.skipped++;
      return;
    }
    if (!"tool".equals(Trees.text(part, "type"))) {
      return;
    }
    JsonNode state = part.path("state");
    String status = Trees.text(state, "status");
    if (!"completed".equals(status) && !"error".equals(status)) {
      return; // counted when it ends
    }
    long end = state.path("time").path("end").asLong(state.path("time").path("start").asLong(0));
    String tool = Trees.text(part, "tool");
    if (end <= 0 || end < mark - MARGIN_MS || tool == null || r.builtins.contains(tool)) {
      return;
    }
    var split = r.naming.split(tool, r.knownServers);
    if (split.isPresent() && r.firstSight(id)) {
      r.call(split.get().server(), split.get().tool(), end, "error".equals(status), null);
    }
  }

  private static long mark(String cursor) {
    try {
      return cursor == null ? 0 : Long.parseLong(cursor);
    } catch (NumberFormatException fromAnotherVersion) {
      return 0;
    }
  }
}
