package dev.daylight.agent.usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A client's own SQLite store, opened so that reading it can change nothing and run nothing:
 * read-only, never creating a file beside it (a root-owned {@code -shm} in a user's folder would
 * lock the client out), no extensions, no functions from its schema, and queries only against plain
 * tables its schema declares. With its write-ahead log and shared-memory files present (the client
 * runs or was not closed cleanly) it is opened read-only through them, so recent rows count;
 * otherwise as immutable, which takes no lock and creates nothing.
 */
final class ClientDb implements AutoCloseable {
  /** A row's JSON larger than this is skipped (and counted), never loaded. */
  static final int MAX_ROW = LineReader.MAX_LINE;

  private static final int BUSY_MS = 250;

  /** A store that could not be read as one: corrupt, locked, or not the schema expected. */
  static final class Unreadable extends IOException {
    Unreadable(String why, Throwable cause) {
      super(why, cause);
    }
  }

  private final Connection c;

  private ClientDb(Connection c) {
    this.c = c;
  }

  static ClientDb open(Path db) throws Unreadable {
    String name = db.getFileName().toString();
    boolean live =
        Files.exists(db.resolveSibling(name + "-wal"))
            && Files.exists(db.resolveSibling(name + "-shm"));
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.OPEN_URI); // for immutable= and mode= in the file name
    config.setBusyTimeout(BUSY_MS);
    config.enableLoadExtension(false);
    String uri = db.toAbsolutePath().toUri().toString() + (live ? "?mode=ro" : "?immutable=1");
    Connection c = null;
    try {
      c = config.createConnection("jdbc:sqlite:" + uri);
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA trusted_schema = OFF");
        st.execute("PRAGMA query_only = ON");
      }
      // One read transaction: every query of the pass sees the same snapshot.
      c.setAutoCommit(false);
      return new ClientDb(c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new Unreadable("database cannot be opened read-only (" + reason(e) + ")", e);
    }
  }

  /** Fails unless each name is a plain table of this store (no view, no virtual table). */
  void requireTables(String... tables) throws Unreadable {
    for (String t : tables) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
        ps.setString(1, t);
        try (ResultSet rs = ps.executeQuery()) {
          String sql = rs.next() ? rs.getString(1) : null;
          if (sql == null || sql.regionMatches(true, 0, "CREATE VIRTUAL", 0, 14)) {
            throw new Unreadable("database has no table " + t + " of the expected shape", null);
          }
        }
      } catch (SQLException e) {
        throw new Unreadable("database unreadable (" + reason(e) + ")", e);
      }
    }
  }

  PreparedStatement prepare(String sql) throws Unreadable {
    try {
      return c.prepareStatement(sql);
    } catch (SQLException e) {
      throw new Unreadable("database unreadable (" + reason(e) + ")", e);
    }
  }

  /** What went wrong, by SQLite's result code only: never a byte of the store. */
  static String reason(SQLException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    int end = m.indexOf(']');
    return m.startsWith("[") && end > 0 ? m.substring(1, end) : "error " + e.getErrorCode();
  }

  @Override
  public void close() {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // read-only: nothing to keep
    }
    closeQuietly(c);
  }

  /** A client's store left open would keep its file (and on Windows its lock) until exit. */
  private static void closeQuietly(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // closing anyway
    }
  }
}
