package dev.daylight.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  private static final int ROWS = 6000;
  private static final int RESTART_FRAMES = 256;
  private static final long LIMIT = 1 << 20;

  @TempDir Path tmp;

  @Test
  void aWriterThatNeverPausesStillSeesTheLogStartOverAndNothingIsLost() throws Exception {
    Path file = tmp.resolve("busy.db");
    Path wal = tmp.resolve("busy.db-wal");
    String url = "jdbc:sqlite:" + file;
    ReentrantLock gate = new ReentrantLock(true);
    byte[] blob = new byte[4096];
    long walAfter = -1;
    try (Connection w = DriverManager.getConnection(url)) {
      try (Statement st = w.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=NORMAL");
        st.execute("PRAGMA wal_autocheckpoint=0");
        st.execute("PRAGMA journal_size_limit=" + LIMIT);
        st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
      }
      w.setAutoCommit(false);
      try (Checkpoints checkpoints = new Checkpoints(file, gate, RESTART_FRAMES);
          PreparedStatement insert = w.prepareStatement("INSERT INTO t (id, b) VALUES (?, ?)")) {
        // About 2 pages a row: 47 MB of log if it never started over.
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int i = 0; i < ROWS || (walAfter > LIMIT && System.nanoTime() < deadline); i++) {
          blob[0] = (byte) i;
          gate.lock();
          try {
            insert.setInt(1, i);
            insert.setBytes(2, i < ROWS ? blob : new byte[0]);
            insert.executeUpdate();
            // A batch takes a while to apply; the moments between two are short. (A passive
            // checkpoint that happens to fall between two commits lets the log start over too.)
            LockSupport.parkNanos(200_000);
            w.commit();
          } finally {
            gate.unlock();
          }
          if (i >= ROWS - 1) {
            // Written without a pause since the first row: the log is cut back to its limit only
            // when it starts over, which needs the checkpointer to hold the writer for a moment.
            walAfter = Files.size(wal);
          }
        }
        assertThat(checkpoints.restarts()).isGreaterThan(0);
      }
    }
    assertThat(walAfter)
        .as("write-ahead log bytes while the writer never paused")
        .isLessThanOrEqualTo(LIMIT);
    try (Connection r = DriverManager.getConnection(url);
        Statement st = r.createStatement()) {
      assertThat(scalar(st, "PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(Long.parseLong(scalar(st, "SELECT COUNT(*) FROM t"))).isGreaterThanOrEqualTo(ROWS);
      assertThat(scalar(st, "SELECT COUNT(*) FROM t WHERE length(b) = 4096"))
          .isEqualTo(Integer.toString(ROWS));
    }
  }

  @Test
  void theHeldPassSyncsOnlyWhatItCopiedItself() throws Exception {
    // The passes beside the writer leave their copies unsynced (SQLite syncs the database file
    // only when a pass reaches the end of the log): without the checkpointer's own syncs, the
    // held pass flushed every frame since the last restart, here at least 8,192.
    int restartFrames = 8192;
    Path file = tmp.resolve("held.db");
    String url = "jdbc:sqlite:" + file;
    ReentrantLock gate = new ReentrantLock(true);
    try (Connection w = DriverManager.getConnection(url)) {
      try (Statement st = w.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=NORMAL");
        st.execute("PRAGMA wal_autocheckpoint=0");
        st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
      }
      w.setAutoCommit(false);
      try (Checkpoints checkpoints = new Checkpoints(file, gate, restartFrames);
          PreparedStatement insert = w.prepareStatement("INSERT INTO t (id, b) VALUES (?, ?)")) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int i = 0; checkpoints.restarts() < 3 && System.nanoTime() < deadline; i++) {
          gate.lock();
          try {
            insert.setInt(1, i);
            insert.setBytes(2, new byte[4096]);
            insert.executeUpdate();
            LockSupport.parkNanos(200_000);
            w.commit();
          } finally {
            gate.unlock();
          }
        }
        assertThat(checkpoints.restarts()).isGreaterThanOrEqualTo(3);
        assertThat(checkpoints.worstHeldBacklog())
            .as("frames the held pass had to sync to the database file")
            .isGreaterThan(0)
            .isLessThan(restartFrames / 2);
      }
    }
  }

  @Test
  void theCollectorsConnectionsLeaveCheckpointsToTheCheckpointer() throws Exception {
    try (Database db = Database.open("sqlite:" + tmp.resolve("c.db"));
        HikariDataSource writers = db.newWriterPool(1);
        Connection w = writers.getConnection();
        Statement st = w.createStatement()) {
      assertThat(scalar(st, "PRAGMA wal_autocheckpoint")).isEqualTo("0");
      assertThat(scalar(st, "PRAGMA journal_mode")).isEqualTo("wal");
      // Room for what the writer adds while a restart is prepared: the writer's first commit after
      // a restart cuts the file back only past this.
      assertThat(Long.parseLong(scalar(st, "PRAGMA journal_size_limit")))
          .isGreaterThanOrEqualTo(2L * Checkpoints.RESTART_FRAMES * 4096);
    }
  }

  private static String scalar(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
