package dev.daylight.collector.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: request threads hand their write to a few writer threads, which apply many writes
 * in one transaction (each under its own savepoint, so one bad write fails alone) and answer every
 * caller only after the commit. One commit per batch instead of one per request is what makes
 * thousands of small reports a second possible on SQLite's single writer.
 */
public final class WriteQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);
  private static final int MAX_BATCH = 256;

  /** One unit of work run inside the writer's transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private static final class Item<T> {
    final String lockKey;
    final Work<T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;

    Item(String lockKey, Work<T> work) {
      this.lockKey = lockKey;
      this.work = work;
    }

    String lockKey() {
      return lockKey;
    }

    void run(Connection c) throws SQLException {
      result = work.apply(c);
    }

    void committed() {
      done.complete(result);
    }

    void failed(Throwable e) {
      done.completeExceptionally(e);
    }
  }

  private final BlockingQueue<Item<?>> queue = new ArrayBlockingQueue<>(8192);
  private final HikariDataSource pool;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closing;

  public WriteQueue(Database db) {
    int n = db.dialect() == Database.Dialect.SQLITE ? 1 : 4;
    this.pool = db.newWriterPool(n);
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(this::loop, "daylight-writer-" + i);
      t.setDaemon(true);
      t.start();
      writers.add(t);
    }
  }

  /**
   * Runs {@code work} in a committed transaction and returns its result. {@code lockKey} orders
   * writes inside a batch so two writers never take the same row locks in opposite orders.
   */
  public <T> T submit(String lockKey, Work<T> work) throws SQLException {
    if (closing) {
      throw new SQLException("collector is shutting down");
    }
    Item<T> item = new Item<>(lockKey, work);
    try {
      if (!queue.offer(item, 10, TimeUnit.SECONDS)) {
        throw new SQLException("write queue full");
      }
      return item.done.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException s) {
        throw s;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new SQLException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new SQLException("write timed out", e);
    }
  }

  private void loop() {
    List<Item<?>> batch = new ArrayList<>(MAX_BATCH);
    while (!closing || !queue.isEmpty()) {
      try {
        Item<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        batch.sort(Comparator.comparing(Item::lockKey));
        runBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("writer loop failed", e);
      } finally {
        batch.clear();
      }
    }
  }

  private void runBatch(List<Item<?>> batch) {
    List<Item<?>> applied = new ArrayList<>(batch.size());
    List<Item<?>> retry = new ArrayList<>();
    boolean alone = batch.size() == 1;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      for (Item<?> item : batch) {
        Savepoint sp = alone ? null : c.setSavepoint();
        try {
          item.run(c);
          applied.add(item);
          if (sp != null) {
            c.releaseSavepoint(sp);
          }
        } catch (SQLException | RuntimeException e) {
          if (sp != null) {
            c.rollback(sp);
          } else {
            c.rollback();
          }
          if (!alone && e instanceof SQLException s && transientState(s)) {
            retry.add(item);
          } else {
            item.failed(e);
          }
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      // Nothing of this batch is stored: run each write alone so one cause fails one caller.
      applied.clear();
      retry.clear();
      for (Item<?> i : batch) {
        if (!i.done.isDone()) {
          if (alone) {
            i.failed(e);
          } else {
            retry.add(i);
          }
        }
      }
      if (!alone) {
        log.atWarn().addKeyValue("batch", batch.size()).setCause(e).log("batch failed, retrying one by one");
      }
    }
    applied.forEach(Item::committed);
    retry.forEach(i -> runBatch(List.of(i)));
  }

  private static boolean transientState(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("40");
  }

  @Override
  public void close() {
    closing = true;
    for (Thread t : writers) {
      try {
        t.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.close();
  }
}
