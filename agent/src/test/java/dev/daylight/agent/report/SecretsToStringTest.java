package dev.daylight.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the agent holds after enrolling prints without its node key, so a log line or an exception
 * message built from it (a record's default toString prints every component) cannot carry it out.
 */
class SecretsToStringTest {
  @Test
  void anEnrollmentAnswerPrintsItsNodeIdAndNotItsKey() {
    String text =
        new CollectorClient.Enrolled("node-1", "node-key-1234", "MCowBQYDK2VwAyEA").toString();
    assertThat(text).contains("node-1", "MCowBQYDK2VwAyEA").doesNotContain("node-key-1234");
  }

  @Test
  void storedCredentialsPrintNeitherTheNodeKeyNorTheCollectorsUserInfo() {
    String text =
        new Credentials(
                "https://u:pw-1234@fleet.example.com", "node-1", "node-key-1234", null, null)
            .toString();
    assertThat(text).contains("node-1").doesNotContain("node-key-1234", "pw-1234");
  }
}
