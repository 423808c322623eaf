package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.collector.store.Rows;
import dev.daylight.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two collectors on one PostgreSQL, two enrollers with the same key proof at the same moment: only
 * one gets a new key. The test holds the device's row lock until both enrollments wait on it, so
 * both have read the same key before either writes.
 */
class PostgresEnrollmentRaceTest {
  String db;
  Collector a;
  Collector b;

  @BeforeEach
  void start() throws Exception {
    db = TestPostgres.get().newDatabase();
    a = Collector.start(Fixtures.loopback(db, 900));
    b = Collector.start(Fixtures.loopback(db, 900));
  }

  @AfterEach
  void stop() throws Exception {
    b.close();
    a.close();
  }

  static Http.Answer enroll(Collector c, String proof) {
    Map<String, Object> body = new HashMap<>();
    body.put("enrollSecret", SECRET);
    body.put("host", Fixtures.host("a", "ann"));
    if (proof != null) {
      body.put("nodeKey", proof);
    }
    return new Http(c.port()).post("/api/v1/enroll", null, body);
  }

  @Test
  void ofTwoCollectorsEnrollingOneDeviceWithOneProofOnlyOneSucceeds() throws Exception {
    Http.Answer first = enroll(a, null);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    String nodeId = first.json().get("nodeId").asText();
    String key = first.json().get("nodeKey").asText();

    Http.Answer fromA;
    Http.Answer fromB;
    try (Connection lock = DriverManager.getConnection("jdbc:" + db)) {
      lock.setAutoCommit(false);
      try (PreparedStatement ps =
          lock.prepareStatement("SELECT node_id FROM nodes WHERE node_id = ? FOR UPDATE")) {
        ps.setString(1, nodeId);
        ps.executeQuery().close();
      }
      var atA = CompletableFuture.supplyAsync(() -> enroll(a, key));
      var atB = CompletableFuture.supplyAsync(() -> enroll(b, key));
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (waitingOnLocks(a) < 2) {
        assertThat(System.nanoTime()).as("both enrollments wait on the row").isLessThan(deadline);
        Thread.sleep(20);
      }
      lock.commit();
      fromA = atA.get();
      fromB = atB.get();
    }
    assertThat(List.of(fromA.status(), fromB.status()))
        .as(fromA.body() + " " + fromB.body())
        .containsExactlyInAnyOrder(200, 409);
  }

  private static long waitingOnLocks(Collector c) throws Exception {
    try (Connection r = c.database().read()) {
      return Rows.count(r, "SELECT COUNT(*) FROM pg_locks WHERE NOT granted");
    }
  }
}
