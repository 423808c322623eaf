package dev.daylight.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuardPolicyJsonTest {
  @Test
  void aPolicyWithoutGuardReadsAsNullAndOneWithItRoundTrips() throws Exception {
    Policy old =
        Json.mapper()
            .readValue(
                "{\"etag\": \"e\", \"entries\": [], \"scanIntervalSeconds\": 60}", Policy.class);
    assertThat(old.guard()).isNull();
    Policy p = new Policy("e", null, 60, null, "0", new GuardPolicy("enforce", true), null);
    Policy back = Json.mapper().readValue(Json.mapper().writeValueAsString(p), Policy.class);
    assertThat(back.guard()).isEqualTo(new GuardPolicy("enforce", true));
    assertThat(back.approvalClasses()).isNull();
  }

  @Test
  void anUnknownModeIsRefused() {
    assertThatThrownBy(
            () ->
                Json.mapper()
                    .readValue(
                        "{\"etag\": \"e\", \"guard\": {\"mode\": \"strict\", \"installHooks\": false}}",
                        Policy.class))
        .hasMessageContaining("guard mode must be off, audit or enforce");
  }
}
