package dev.daylight.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Host;
import org.junit.jupiter.api.Test;

/** What an agent sends to enroll prints without its secret or its node key. */
class EnrollRequestTest {
  @Test
  void theEnrollSecretAndNodeKeyAreRedacted() {
    Host host = new Host("dev-1", "ann-laptop", "linux", null, null, "ann", null);
    String text =
        new AgentApi.EnrollRequest("enroll-secret-1234", host, "node-key-1234").toString();
    assertThat(text).contains("ann-laptop").doesNotContain("enroll-secret-1234", "node-key-1234");
  }

  @Test
  void theServicesPrintNoToken() {
    Services s =
        new Services(
            null,
            null,
            null,
            null,
            null,
            null,
            "admin-token-1234",
            "metrics-token-1234",
            null,
            null,
            null);
    assertThat(s.toString()).doesNotContain("admin-token-1234", "metrics-token-1234");
  }
}
