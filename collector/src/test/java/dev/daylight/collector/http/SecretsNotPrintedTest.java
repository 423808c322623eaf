package dev.daylight.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.collector.Collector;
import dev.daylight.collector.ingest.Enrollment;
import dev.daylight.protocol.Host;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Records that hold a secret print it as {@code <redacted>}: toString reaches logs and traces. */
class SecretsNotPrintedTest {
  private static final String ENROLL = "enroll-secret-1234";
  private static final String ADMIN = "admin-token-5678";
  private static final String METRICS = "metrics-token-9012";

  @Test
  void theCollectorsConfigHidesItsTokensAndTheDatabasePassword() {
    for (String db :
        new String[] {
          "postgresql://db.example:5432/fleet?user=daylight&password=pg-pass-3456&ssl=true",
          "postgresql://daylight:pg-pass-3456@db.example:5432/fleet"
        }) {
      String shown =
          new Collector.Config("127.0.0.1", 8443, db, ENROLL, ADMIN, null, null, 900, METRICS, null)
              .toString();
      assertThat(shown)
          .doesNotContain(ENROLL, ADMIN, METRICS, "pg-pass-3456")
          .contains("db.example:5432/fleet", "daylight", "<redacted>", "port=8443");
    }
    assertThat(
            new Collector.Config(
                    "127.0.0.1",
                    0,
                    "sqlite:/var/lib/c.db",
                    ENROLL,
                    ADMIN,
                    null,
                    null,
                    900,
                    null,
                    null)
                .toString())
        .contains("db=sqlite:/var/lib/c.db", "metricsToken=null");
  }

  @Test
  void servicesEnrollmentsAndEnrollRequestsHideTheirKeys() {
    Services services =
        new Services(
            null, null, null, null, null, null, ADMIN, METRICS, Clock.systemUTC(), null, null);
    assertThat(services.toString()).doesNotContain(ADMIN, METRICS).contains("<redacted>");

    Enrollment.Enrolled enrolled = new Enrollment.Enrolled("node-1", "node-key-7890", "new");
    assertThat(enrolled.toString())
        .doesNotContain("node-key-7890")
        .contains("node-1", "new", "<redacted>");

    AgentApi.EnrollRequest request =
        new AgentApi.EnrollRequest(
            ENROLL,
            new Host("dev-1", "laptop", "linux", "Debian 12", "x86_64", "ann", "SER-1"),
            "node-key-7890");
    assertThat(request.toString())
        .doesNotContain(ENROLL, "node-key-7890")
        .contains("laptop", "<redacted>");
  }
}
