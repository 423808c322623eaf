package dev.daylight.collector.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>SQLite syncs the database file only at the end of a pass that reaches the end of the log: the
 * passes beside a busy writer leave every page they copied unsynced. So that last pass, the one
 * that holds the writer, used to flush seconds of copied pages with one fsync (95-155 ms on the
 * bench machine, which was the open loop's whole p99). The thread now syncs the database file
 * itself before it takes the gate, while the writer goes on, so the held pass only syncs what it
 * copies.
 */
final class Checkpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
  private static final long PERIOD_MS = 100;

  /**
   * Log frames (pages) after which the log is made to start over: 256 MB of 4 KB pages, every 4 s
   * or so at 1,000 reports a second. Chosen when each restart held the writer 33-102 ms (the held
   * pass flushed every unsynced copy); with the syncs before the hold it is 2-5 ms, so a shorter
   * log would cost little now. Readers do not pay for a long log: they look up only the frames
   * written since the last checkpoint.
   */
  static final int RESTART_FRAMES = 65_536;

  /** A pass this quick left little for the writer to wait for. */
  private static final long QUICK_NANOS = 5_000_000;

  private final Path file;
  private final String url;
  private final ReentrantLock gate;
  private final int restartFrames;
  private final Thread thread;
  private volatile boolean closing;
  private volatile long restarts;
  private volatile long worstHeldBacklog;

  /** Log frames copied into the database file, as of the last pass; and as of our last sync. */
  private long checkpointed;

  private long syncedAt;

  /** {@code file} is the database; the thread opens its own connection to it. */
  Checkpoints(Path file, ReentrantLock gate, int restartFrames) {
    this.file = file;
    this.url = "jdbc:sqlite:" + file + "?busy_timeout=10000";
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
        if (passive(c).frames() > restartFrames) {
          restart(c);
        }
      } catch (SQLException | IOException e) {
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

  /**
   * Copies what was written during the last passes and syncs the database file, both beside the
   * writer; then copies the rest with the writer held.
   */
  private void restart(Connection c) throws SQLException, IOException {
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      passive(c);
      syncDatabase();
      if (System.nanoTime() - t0 < QUICK_NANOS) {
        break;
      }
    }
    gate.lock();
    try {
      passive(c);
      // The frames whose pages this pass's own sync of the database file had to write: only those
      // it copied, if the syncs above did their work.
      worstHeldBacklog = Math.max(worstHeldBacklog, checkpointed - syncedAt);
      restarts++;
    } finally {
      gate.unlock();
    }
  }

  /** Log frames, and those of them copied into the database file (0 and 0 after a restart). */
  private record Pass(int frames, int checkpointed) {}

  /** One PASSIVE checkpoint. */
  private Pass passive(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      Pass p = rs.next() ? new Pass(rs.getInt(2), rs.getInt(3)) : new Pass(0, 0);
      checkpointed = p.checkpointed();
      if (checkpointed < syncedAt) {
        syncedAt = 0; // the log started over
      }
      return p;
    }
  }

  /**
   * Syncs the database file, and with it every page the passes so far copied: a sync through any
   * descriptor of a file flushes all of its pages.
   */
  private void syncDatabase() throws IOException {
    long copied = checkpointed;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(false);
    }
    syncedAt = copied;
  }

  /** Times the log was made to start over (for tests). */
  long restarts() {
    return restarts;
  }

  /**
   * The most log frames copied but not yet synced to the database file when the writer was held:
   * what the held pass's one fsync had to write (for tests).
   */
  long worstHeldBacklog() {
    return worstHeldBacklog;
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
