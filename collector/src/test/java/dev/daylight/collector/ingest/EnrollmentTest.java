package dev.daylight.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.collector.Fixtures;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.WriteQueue;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two collector processes on one database: a re-enrollment through one retires the old key on both. */
class EnrollmentTest {
  @TempDir Path tmp;

  @Test
  void aKeyRetiredByAnotherCollectorStopsWorkingHereAtItsNextRevisionCheck() throws Exception {
    String spec = "sqlite:" + tmp.resolve("fleet.db");
    try (Database dbA = Database.open(spec); WriteQueue wA = new WriteQueue(dbA);
        Database dbB = Database.open(spec); WriteQueue wB = new WriteQueue(dbB)) {
      Enrollment a = new Enrollment(dbA, wA, "enroll-secret", Duration.ofMillis(200));
      Enrollment b = new Enrollment(dbB, wB, "enroll-secret", Duration.ofMillis(200));
      Enrollment.Enrolled first = a.enroll("enroll-secret", Fixtures.host("laptop", "ann"), 1);
      assertThat(b.nodeFor(first.nodeKey())).contains(first.nodeId());

      Enrollment.Enrolled second = a.enroll("enroll-secret", Fixtures.host("laptop", "ann"), 2);
      assertThat(second.nodeId()).isEqualTo(first.nodeId());
      assertThat(a.nodeFor(first.nodeKey())).as("the collector that re-enrolled forgets at once").isEmpty();
      assertThat(b.nodeFor(first.nodeKey())).as("the other one trusts its cache until it reads the revision")
          .contains(first.nodeId());
      Thread.sleep(300);
      assertThat(b.nodeFor(first.nodeKey())).as("the other one once it read the bumped revision").isEmpty();
      assertThat(b.nodeFor(second.nodeKey())).contains(first.nodeId());
      assertThat(b.nodeFor("not-a-key")).isEmpty();
    }
  }

  @Test
  void aFirstEnrollmentRetiresNoKeyAndLeavesOtherCollectorsCachesAlone() throws Exception {
    String spec = "sqlite:" + tmp.resolve("fleet.db");
    try (Database dbA = Database.open(spec); WriteQueue wA = new WriteQueue(dbA);
        Database dbB = Database.open(spec); WriteQueue wB = new WriteQueue(dbB)) {
      Enrollment a = new Enrollment(dbA, wA, "enroll-secret", Duration.ofMillis(100));
      Enrollment b = new Enrollment(dbB, wB, "enroll-secret", Duration.ofMillis(100));
      Enrollment.Enrolled ann = a.enroll("enroll-secret", Fixtures.host("laptop", "ann"), 1);
      assertThat(b.nodeFor(ann.nodeKey())).contains(ann.nodeId());
      long before = revision(dbA);
      a.enroll("enroll-secret", Fixtures.host("desktop", "bob"), 2);
      assertThat(revision(dbA)).isEqualTo(before);
      a.enroll("enroll-secret", Fixtures.host("laptop", "ann"), 3);
      assertThat(revision(dbA)).isEqualTo(before + 1);
    }
  }

  private static long revision(Database db) throws Exception {
    try (var c = db.read(); var ps = c.prepareStatement("SELECT value FROM revisions WHERE name = 'keys'");
        var rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
