package dev.daylight.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ledger's two tables: read positions per file, and calls per minute. */
final class UsageRows {
  private UsageRows() {}

  static Map<String, UsageFile> files(Connection c) {
    Map<String, UsageFile> out = new HashMap<>();
    for (UsageFile f :
        Sql.list(
            c,
            "SELECT identity, path, format, client, size, offset,"
                + " modified_ms, head_hash, memo, skipped, os_user FROM usage_files",
            rs ->
                new UsageFile(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getLong(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getLong(10),
                    rs.getString(11)))) {
      out.put(f.identity(), f);
    }
    return out;
  }

  /**
   * Saves where a file was read to and adds its new calls; {@code restart} first drops what the
   * file contributed before (it was truncated, replaced or is rewritten whole).
   */
  static void save(
      Connection c, UsageFile f, Collection<UsageBucket> buckets, boolean restart, String now) {
    if (restart) {
      Sql.update(c, "DELETE FROM usage_calls WHERE identity = ?", f.identity());
    }
    Sql.update(
        c,
        "INSERT INTO usage_files (identity, path, format, client, size, offset,"
            + " modified_ms, head_hash, memo, skipped, read_at, os_user) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT(identity) DO UPDATE SET path = excluded.path, format = excluded.format,"
            + " client = excluded.client, size = excluded.size, offset = excluded.offset,"
            + " modified_ms = excluded.modified_ms, head_hash = excluded.head_hash,"
            + " memo = excluded.memo, skipped = excluded.skipped, read_at = excluded.read_at,"
            + " os_user = excluded.os_user",
        f.identity(),
        f.path(),
        f.format(),
        f.client(),
        f.size(),
        f.offset(),
        f.modifiedMs(),
        f.headHash(),
        f.memo(),
        f.skipped(),
        now,
        f.osUser());
    if (buckets.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO usage_calls (identity, source, client, server, tool, project, minute,"
            + " calls, errors, first_ms, last_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT(identity, client, server, tool, project, minute) DO UPDATE SET"
            + " calls = calls + excluded.calls, errors = errors + excluded.errors,"
            + " first_ms = MIN(first_ms, excluded.first_ms), last_ms = MAX(last_ms, excluded.last_ms)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (UsageBucket b : buckets) {
        ps.setString(1, f.identity());
        ps.setString(2, b.source());
        ps.setString(3, b.client());
        ps.setString(4, b.server());
        ps.setString(5, b.tool());
        ps.setString(6, b.project());
        ps.setLong(7, b.minute());
        ps.setLong(8, b.calls());
        ps.setLong(9, b.errors());
        ps.setLong(10, b.firstMs());
        ps.setLong(11, b.lastMs());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new StoreException("cannot add usage of " + f.path(), e);
    }
  }

  /** Every bucket from {@code sinceMinute} on, oldest first, with the account its file is in. */
  static List<UsageBucket> since(Connection c, long sinceMinute) {
    return Sql.list(
        c,
        "SELECT u.source, u.client, u.server, u.tool, u.project, u.minute,"
            + " SUM(u.calls), SUM(u.errors), MIN(u.first_ms), MAX(u.last_ms), COALESCE(f.os_user, '')"
            + " FROM usage_calls u LEFT JOIN usage_files f ON f.identity = u.identity WHERE u.minute >= ?"
            + " GROUP BY u.source, u.client, u.server, u.tool, u.project, u.minute, COALESCE(f.os_user, '')"
            + " ORDER BY u.minute",
        rs ->
            new UsageBucket(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getString(11)),
        sinceMinute);
  }
}
