package dev.daylight.collector.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: request threads hand their write to a few writer threads, which apply many writes
 * in one transaction and answer every caller only after the commit. One commit per batch instead of
 * one per request is what makes thousands of small reports a second possible on SQLite's single
 * writer; writes of one {@link Group} are applied together, so a batch of reports costs a few
 * statements, not several per report. When anything in a batch fails, the whole transaction is
 * rolled back and each write runs again alone, so one bad write fails only its own caller.
 */
public final class WriteQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);
  private static final int MAX_BATCH = 256;

  /** One unit of work run inside the writer's transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /**
   * Writes of one kind that a writer applies together, in submission order, inside its transaction:
   * one result per payload, in the same order.
   */
  public interface Group<P, T> {
    List<T> applyAll(Connection c, List<P> payloads) throws SQLException;
  }

  private static final class Item<T> {
    final String lockKey;
    final Work<T> work;
    final Group<Object, T> group;
    final Object payload;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;
    boolean retried;

    Item(String lockKey, Work<T> work, Group<Object, T> group, Object payload) {
      this.lockKey = lockKey;
      this.work = work;
      this.group = group;
      this.payload = payload;
    }

    String lockKey() {
      return lockKey;
    }

    void committed() {
      done.complete(result);
    }

    void failed(Throwable e) {
      done.completeExceptionally(e);
    }
  }

  /** Counts since start, for the metrics endpoint. */
  public record Stats(long batches, long writes, long retriedBatches) {}

  private final LongAdder batches = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final BlockingQueue<Item<?>> queue = new ArrayBlockingQueue<>(8192);
  private final HikariDataSource pool;
  private final ReentrantLock gate;
  private final Thread writer;
  private volatile boolean closing;

  public WriteQueue(Database db) {
    // One writer for both. SQLite has only one. On PostgreSQL the server's CPU per report falls as
    // batches grow: against two writers, one made batches about twice as large (10-18 reports
    // instead of 6-10) and cost 0.10-0.13 ms of server CPU a report instead of 0.18-0.20, which on
    // two shared cores gave more reports a second, not fewer (15 s runs, 32 and 64 connections).
    // Several collector processes on one database still write in parallel.
    this.pool = db.newWriterPool(1);
    this.gate = db.writeGate();
    this.writer = new Thread(this::loop, "daylight-writer-0");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Runs {@code work} in a committed transaction and returns its result. {@code lockKey} orders
   * writes inside a batch, so collector processes sharing a database take row locks in one order.
   */
  public <T> T submit(String lockKey, Work<T> work) throws SQLException {
    return enqueue(new Item<>(lockKey, work, null, null));
  }

  /**
   * As {@link #submit(String, Work)}, for a payload the writer applies with others of its group.
   */
  @SuppressWarnings("unchecked")
  public <P, T> T submit(String lockKey, Group<P, T> group, P payload) throws SQLException {
    return enqueue(new Item<>(lockKey, null, (Group<Object, T>) group, payload));
  }

  private <T> T enqueue(Item<T> item) throws SQLException {
    if (closing) {
      throw new SQLException("collector is shutting down");
    }
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
        batches.increment();
        written.add(batch.size());
        gate.lock();
        try {
          runBatch(batch);
        } finally {
          gate.unlock();
        }
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
    boolean alone = batch.size() == 1;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        apply(c, batch);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      if (alone) {
        Item<?> item = batch.get(0);
        if (e instanceof SQLException s && transientState(s) && !item.retried) {
          item.retried = true;
          runBatch(batch);
        } else {
          item.failed(e);
        }
        return;
      }
      // Nothing of this batch is stored: run each write alone so one cause fails one caller.
      retried.increment();
      log.atWarn()
          .addKeyValue("batch", batch.size())
          .setCause(e)
          .log("batch failed, retrying one by one");
      for (Item<?> i : batch) {
        runBatch(List.of(i));
      }
      return;
    }
    batch.forEach(Item::committed);
  }

  /** Runs the batch in order; consecutive items of one group go to the group together. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void apply(Connection c, List<Item<?>> batch) throws SQLException {
    int i = 0;
    while (i < batch.size()) {
      Item first = batch.get(i);
      if (first.group == null) {
        first.result = first.work.apply(c);
        i++;
        continue;
      }
      int end = i;
      List<Object> payloads = new ArrayList<>();
      for (; end < batch.size() && batch.get(end).group == first.group; end++) {
        payloads.add(batch.get(end).payload);
      }
      List<?> results = first.group.applyAll(c, payloads);
      if (results.size() != payloads.size()) {
        throw new IllegalStateException(
            "group returned " + results.size() + " results for " + payloads.size());
      }
      for (int k = 0; k < results.size(); k++) {
        ((Item) batch.get(i + k)).result = results.get(k);
      }
      i = end;
    }
  }

  /** Writes waiting for a writer (not those in its current batch). */
  int queued() {
    return queue.size();
  }

  public Stats stats() {
    return new Stats(batches.sum(), written.sum(), retried.sum());
  }

  private static boolean transientState(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("40");
  }

  @Override
  public void close() {
    closing = true;
    try {
      writer.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.close();
  }
}
