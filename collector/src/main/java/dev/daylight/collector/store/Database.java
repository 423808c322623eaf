package dev.daylight.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The collector's one database: an embedded SQLite file for a team, PostgreSQL for a fleet. Both
 * are migrated by the same Flyway scripts. Reads go through a pool; writes go through {@link
 * WriteQueue}, which owns its own connections.
 */
public final class Database implements AutoCloseable {
  /** Bytes of write-ahead log kept after it starts over; see {@link #config}. */
  static final long JOURNAL_SIZE_LIMIT = 2L * Checkpoints.RESTART_FRAMES * 4096;

  private final Dialect dialect;
  private final HikariDataSource readers;
  private final String url;
  private final Checkpoints checkpoints;

  /**
   * Held by the writer around each transaction, and by {@link Checkpoints} to let the log start
   * over.
   */
  private final ReentrantLock gate = new ReentrantLock(true);

  /** {@code sqliteFile}: the database file on SQLite, null on PostgreSQL. */
  private Database(Dialect dialect, String url, Path sqliteFile, HikariDataSource readers) {
    this.dialect = dialect;
    this.url = url;
    this.readers = readers;
    // WAL mode is a property of the file, set by the pool's first connection.
    this.checkpoints =
        sqliteFile == null ? null : new Checkpoints(sqliteFile, gate, Checkpoints.RESTART_FRAMES);
  }

  /** {@code sqlite:FILE} or {@code postgresql://host:port/db?user=...}. */
  public static Database open(String spec) {
    if (spec.startsWith("sqlite:")) {
      Path file = Path.of(spec.substring("sqlite:".length())).toAbsolutePath();
      return open(Dialect.SQLITE, "jdbc:sqlite:" + file, file, 4);
    }
    if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
      String rest = spec.substring(spec.indexOf("://") + 3);
      String sep = rest.contains("?") ? "&" : "?";
      return open(
          Dialect.POSTGRESQL,
          "jdbc:postgresql://" + rest + sep + "reWriteBatchedInserts=true",
          null,
          16);
    }
    throw new IllegalArgumentException("--db must be sqlite:FILE or postgresql://HOST:PORT/DB");
  }

  private static Database open(Dialect dialect, String url, Path sqliteFile, int poolSize) {
    HikariDataSource pool = new HikariDataSource(config(dialect, url, poolSize, "daylight-read"));
    try {
      Flyway.configure(Database.class.getClassLoader())
          .dataSource(pool)
          .locations("classpath:db/migration")
          .javaMigrations(new ConsoleSearchMigration())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(dialect, url, sqliteFile, pool);
  }

  static HikariConfig config(Dialect dialect, String url, int poolSize, String name) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setPoolName(name);
    c.setMaximumPoolSize(poolSize);
    c.setMinimumIdle(1);
    if (dialect == Dialect.SQLITE) {
      // WAL lets readers run beside the one writer; NORMAL sync is durable across process crashes.
      c.addDataSourceProperty("journal_mode", "WAL");
      c.addDataSourceProperty("synchronous", "NORMAL");
      c.addDataSourceProperty("busy_timeout", "10000");
      c.addDataSourceProperty("foreign_keys", "true");
      // No checkpoint inside a commit: Checkpoints copies the log on its own thread. When the log
      // starts over, a file grown past this size under a burst is cut back to it, by the writer's
      // next commit (7-15 ms to cut 12 MB off under load). Twice the log's restart length: what is
      // written while the checkpointer gets to a restart (up to some 12,000 frames past it in the
      // bench's closed loop) stays, so the steady state cuts nothing.
      c.addDataSourceProperty("wal_autocheckpoint", "0");
      c.addDataSourceProperty("journal_size_limit", Long.toString(JOURNAL_SIZE_LIMIT));
    }
    return c;
  }

  HikariDataSource newWriterPool(int size) {
    return new HikariDataSource(config(dialect, url, size, "daylight-write"));
  }

  public Connection read() throws SQLException {
    return readers.getConnection();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** True when a trivial query answers: the readiness behind {@code /healthz}. */
  public boolean healthy() {
    try (Connection c = read();
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT 1")) {
      return rs.next();
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (checkpoints != null) {
      checkpoints.close();
    }
    readers.close();
  }

  ReentrantLock writeGate() {
    return gate;
  }

  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }
}
