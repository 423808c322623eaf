package dev.daylight.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.collector.ingest.Enrollment;
import org.junit.jupiter.api.Test;

/**
 * A record that holds a secret prints it redacted, so a log line or an exception message built from
 * it (a record's default toString prints every component) cannot carry it out.
 */
class SecretsToStringTest {
  @Test
  void theConfigPrintsNoSecretTokenOrDatabasePassword() {
    Collector.Config config =
        new Collector.Config(
            "127.0.0.1",
            8443,
            "postgresql://daylight:pg-pass-1234@db:5432/fleet?user=u&password=pg-pass-5678",
            "enroll-secret-1234",
            "admin-token-1234",
            null,
            null,
            3600,
            "metrics-token-1234",
            null);
    assertThat(config.toString())
        .contains("127.0.0.1", "8443", "db:5432/fleet", "<redacted>")
        .doesNotContain(
            "enroll-secret-1234",
            "admin-token-1234",
            "metrics-token-1234",
            "pg-pass-1234",
            "pg-pass-5678");
    assertThat(Collector.Config.displayDb("sqlite:/var/lib/c.db"))
        .isEqualTo("sqlite:/var/lib/c.db");
  }

  @Test
  void anEnrolledDevicePrintsItsIdNotItsKey() {
    assertThat(new Enrollment.Enrolled("node-1", "node-key-1234", "new").toString())
        .contains("node-1", "new")
        .doesNotContain("node-key-1234");
  }
}
