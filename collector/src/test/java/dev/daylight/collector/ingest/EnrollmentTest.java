package dev.daylight.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.collector.Fixtures;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.WriteQueue;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collector processes on one database: a re-enrollment through one retires the old key on both.
 */
class EnrollmentTest {
  @TempDir Path tmp;

  /** Two collector processes' worth of database, writer and enrollment on one SQLite file. */
  private record Two(
      Database dbA, WriteQueue wA, Enrollment a, Database dbB, WriteQueue wB, Enrollment b)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      wB.close();
      dbB.close();
      wA.close();
      dbA.close();
    }
  }

  private Two twoCollectors(Duration revisionCheck) throws Exception {
    String spec = "sqlite:" + tmp.resolve("fleet.db");
    Database dbA = Database.open(spec);
    WriteQueue wA = new WriteQueue(dbA);
    Database dbB = Database.open(spec);
    WriteQueue wB = new WriteQueue(dbB);
    return new Two(
        dbA,
        wA,
        new Enrollment(dbA, wA, "enroll-secret", revisionCheck),
        dbB,
        wB,
        new Enrollment(dbB, wB, "enroll-secret", revisionCheck));
  }

  @Test
  void aKeyRetiredByAnotherCollectorStopsWorkingHereAtItsNextRevisionCheck() throws Exception {
    try (Two two = twoCollectors(Duration.ofMillis(200))) {
      Enrollment a = two.a();
      Enrollment b = two.b();
      Enrollment.Enrolled first = a.enroll("enroll-secret", Fixtures.host("laptop", "ann"), 1);
      assertThat(b.nodeFor(first.nodeKey())).contains(first.nodeId());

      Enrollment.Enrolled second =
          a.enroll("enroll-secret", Fixtures.host("laptop", "ann"), first.nodeKey(), 2);
      assertThat(second.nodeId()).isEqualTo(first.nodeId());
      assertThat(a.nodeFor(first.nodeKey()))
          .as("the collector that re-enrolled forgets at once")
          .isEmpty();
      Thread.sleep(300);
      assertThat(b.nodeFor(first.nodeKey()))
          .as("the other one once it read the bumped revision")
          .isEmpty();
      assertThat(b.nodeFor(second.nodeKey())).contains(first.nodeId());
      assertThat(b.nodeFor("not-a-key")).isEmpty();
    }
  }

  @Test
  void onlyAReEnrollmentBumpsTheKeyRevision() throws Exception {
    try (Two two = twoCollectors(Duration.ofMillis(100))) {
      Enrollment a = two.a();
      Enrollment b = two.b();
      Database dbA = two.dbA();
      Enrollment.Enrolled ann = a.enroll("enroll-secret", Fixtures.host("laptop", "ann"), 1);
      assertThat(b.nodeFor(ann.nodeKey())).contains(ann.nodeId());
      long before = revision(dbA);
      a.enroll("enroll-secret", Fixtures.host("desktop", "bob"), 2);
      assertThat(revision(dbA)).isEqualTo(before);
      a.enroll("enroll-secret", Fixtures.host("laptop", "ann"), ann.nodeKey(), 3);
      assertThat(revision(dbA)).isEqualTo(before + 1);
    }
  }

  private static long revision(Database db) throws Exception {
    try (var c = db.read();
        var ps = c.prepareStatement("SELECT value FROM revisions WHERE name = 'keys'");
        var rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
