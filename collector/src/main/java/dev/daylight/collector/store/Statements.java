package dev.daylight.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Write-path statements prepared once per physical connection instead of once per report: on
 * SQLite, re-preparing the same upserts for every report took about a fifth of the single writer's
 * time. Callers must not close what they get; the statement lives as long as its connection. Only
 * for statements run with executeUpdate/executeBatch (a reset statement holds no lock).
 */
public final class Statements {
  private static final Map<Connection, Map<String, PreparedStatement>> CACHE = new HashMap<>();

  private Statements() {}

  public static PreparedStatement prepare(Connection c, String sql) throws SQLException {
    Connection raw = c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
    synchronized (CACHE) {
      Map<String, PreparedStatement> mine = CACHE.get(raw);
      PreparedStatement ps = mine == null ? null : mine.get(sql);
      if (ps != null && !ps.isClosed()) {
        ps.clearBatch();
        ps.clearParameters();
        return ps;
      }
      if (mine == null) {
        dropClosed();
        mine = new HashMap<>();
        CACHE.put(raw, mine);
      }
      ps = raw.prepareStatement(sql);
      mine.put(sql, ps);
      return ps;
    }
  }

  /** The pool retires connections now and then; their statements go with them. */
  private static void dropClosed() throws SQLException {
    for (Iterator<Connection> it = CACHE.keySet().iterator(); it.hasNext(); ) {
      if (it.next().isClosed()) {
        it.remove();
      }
    }
  }
}
