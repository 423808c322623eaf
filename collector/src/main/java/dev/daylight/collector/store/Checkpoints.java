package dev.daylight.collector.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file on a thread of its own. Left to SQLite,
 * the connection whose commit takes the log past 1,000 pages runs the checkpoint inside that
 * commit: on the collector that is the one writer, so every report queued behind it waited for the
 * page copies and two fsyncs (right after a sustained load, commits of one report took 100-320 ms
 * several times a second; figures in docs/PERFORMANCE.md, "Collector"). The collector's connections
 * are opened with automatic checkpoints off, and this thread runs PASSIVE checkpoints, which block
 * neither the writer nor a reader, several times a second.
 *
 * <p>A log only starts over from its beginning when a writer begins a transaction after every page
 * has been copied, which never happens while the writer is busy and the checkpoint runs beside it:
 * the log grew to 1.7 GB in 20 s of sustained load. So once it is longer than {@code
 * restartFrames}, the thread copies what was written meanwhile once more and then holds the
 * writer's {@code gate} for one last pass over the little that is left, after which the writer's
 * next commit starts the log over.
 */
final class Checkpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
  private static final long PERIOD_MS = 100;

  /**
   * Log frames (pages) after which the log is made to start over: 256 MB of 4 KB pages. Each time,
   * the writer waits for the last pass and its two fsyncs (33-102 ms on the loaded bench machine),
   * so this is rare: every 6 s or so at 1,000 reports a second. Readers do not pay for a long log:
   * they look up only the frames written since the last checkpoint.
   */
  static final int RESTART_FRAMES = 65_536;

  /** A pass this quick left little for the writer to wait for. */
  private static final long QUICK_NANOS = 5_000_000;

  private final String url;
  private final ReentrantLock gate;
  private final int restartFrames;
  private final Thread thread;
  private volatile boolean closing;
  private volatile long restarts;

  Checkpoints(String url, ReentrantLock gate, int restartFrames) {
    this.url = url;
    this.gate = gate;
    this.restartFrames = restartFrames;
    this.thread = new Thread(this::loop, "daylight-checkpoint");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    Connection c = null;
    while (!closing) {
      try {
        if (c == null) {
          c = DriverManager.getConnection(url);
        }
        if (passive(c) > restartFrames) {
          restart(c);
        }
      } catch (SQLException e) {
        log.atWarn().setCause(e).log("checkpoint failed; retrying");
        close(c);
        c = null;
      }
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        break;
      }
    }
    close(c);
  }

  /** Copies what was written during the last passes, then the rest with the writer held. */
  private void restart(Connection c) throws SQLException {
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      passive(c);
      if (System.nanoTime() - t0 < QUICK_NANOS) {
        break;
      }
    }
    gate.lock();
    try {
      passive(c);
      restarts++;
    } finally {
      gate.unlock();
    }
  }

  /** One PASSIVE checkpoint; returns the frames in the log. */
  private static int passive(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      return rs.next() ? rs.getInt(2) : 0;
    }
  }

  /** Times the log was made to start over (for tests). */
  long restarts() {
    return restarts;
  }

  private static void close(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
