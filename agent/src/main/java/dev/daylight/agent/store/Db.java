package dev.daylight.agent.store;

import dev.daylight.agent.platform.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the agent's SQLite file. WAL lets the tray and CLI read while the daemon writes;
 * synchronous=FULL makes every committed scan survive a power cut as well as a kill -9 (the agent
 * writes one small transaction per scan, so the extra fsync costs nothing noticeable); immediate
 * transactions take the write lock up front so two writers wait instead of failing.
 */
final class Db {
  static final String FILE_NAME = "daylight.db";
  private static final int BUSY_TIMEOUT_MS = 10_000;

  /**
   * The highest {@code V<n>__} migration bundled; {@code DbTest} keeps it in step with the files.
   */
  static final int LATEST_VERSION = 10;

  private Db() {}

  static Connection open(Path stateDir) {
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create state directory " + stateDir, e);
    }
    // SQLite creates the file (and its -wal and -shm after it) with the umask's mode: the history
    // names every account's servers, so the file exists 0600 before SQLite opens it.
    PrivateFiles.ensure(stateDir.resolve(FILE_NAME));
    PrivateFiles.tighten(stateDir.resolve(FILE_NAME + "-wal"));
    PrivateFiles.tighten(stateDir.resolve(FILE_NAME + "-shm"));
    SQLiteDataSource ds = dataSource(stateDir.resolve(FILE_NAME));
    try {
      Connection c = ds.getConnection();
      if (schemaVersion(c) < LATEST_VERSION) {
        // Flyway loads some 400 classes: only pay for them when there is something to migrate,
        // which keeps every CLI command quicker and the long-running daemon smaller.
        c.close();
        migrate(ds);
        c = ds.getConnection();
      }
      c.setAutoCommit(true);
      return c;
    } catch (SQLException e) {
      throw new StoreException("cannot open " + stateDir.resolve(FILE_NAME), e);
    }
  }

  static int schemaVersion(Connection c) {
    try (var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT MAX(CAST(version AS INTEGER)) FROM schema_history WHERE success = 1")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException noHistoryYet) {
      return 0;
    }
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return ds;
  }

  private static void migrate(SQLiteDataSource ds) {
    Flyway.configure(Db.class.getClassLoader())
        .dataSource(ds)
        .locations("classpath:dev/daylight/agent/store/migration")
        .table("schema_history")
        .load()
        .migrate();
  }
}
