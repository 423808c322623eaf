package dev.daylight.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteQueueTest {
  @TempDir Path tmp;

  /** Inserts each payload as an audit row; a payload starting with "bad" breaks the statement. */
  private static final class Inserts implements WriteQueue.Group<String, String> {
    final AtomicInteger calls = new AtomicInteger();
    final List<Integer> sizes = new ArrayList<>();

    @Override
    public List<String> applyAll(Connection c, List<String> payloads) throws SQLException {
      calls.incrementAndGet();
      synchronized (sizes) {
        sizes.add(payloads.size());
      }
      List<String> out = new ArrayList<>();
      for (String p : payloads) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO policy_audit (audit_id, subject, version, decision, decided_by, reason, decided_at)"
                    + " VALUES (?, ?, '', 'approved', 'test', 'test', 0)")) {
          ps.setString(1, p);
          ps.setString(2, p.startsWith("bad") ? null : "pkg:npm/" + p);
          ps.executeUpdate();
        }
        out.add("ok " + p);
      }
      return out;
    }
  }

  @Test
  void writesQueuedTogetherShareOneGroupCallAndABadOneFailsOnlyItsCaller() throws Exception {
    try (Database db = Database.open("sqlite:" + tmp.resolve("q.db"));
        WriteQueue q = new WriteQueue(db)) {
      Inserts group = new Inserts();
      CountDownLatch hold = new CountDownLatch(1);
      CountDownLatch running = new CountDownLatch(1);
      // Keep the single SQLite writer busy so the next writes queue up and drain as one batch.
      CompletableFuture<Integer> blocker =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return q.submit(
                      "a",
                      c -> {
                        running.countDown();
                        await(hold);
                        return 0;
                      });
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      // Only once the writer holds the blocker: a write queued beside it would share its batch.
      await(running);
      ExecutorService callers = Executors.newFixedThreadPool(20);
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String payload = (i == 7 ? "bad-" : "p-") + i;
        answers.add(callers.submit(() -> q.submit("k" + payload, group, payload)));
      }
      // Release the writer only once all twenty wait behind it, however slow the machine is.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (q.queued() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(q.queued()).isEqualTo(20);
      hold.countDown();
      assertThat(blocker.get(10, TimeUnit.SECONDS)).isZero();
      for (int i = 0; i < 20; i++) {
        Future<String> f = answers.get(i);
        if (i == 7) {
          assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
              .hasCauseInstanceOf(SQLException.class);
        } else {
          assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("ok p-" + i);
        }
      }
      callers.shutdown();
      assertThat(group.sizes.get(0)).as("the first group call got the whole queue").isEqualTo(20);
      try (Connection c = db.read();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT count(*), sum(CASE WHEN audit_id LIKE 'bad%' THEN 1 ELSE 0 END) FROM policy_audit");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(19);
        assertThat(rs.getInt(2)).isZero();
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
