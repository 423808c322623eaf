package dev.daylight.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {
  private static final Route.Handler NONE = c -> 200;

  @Test
  void aTemplateBindsItsVariablesToOneNonEmptySegmentEach() {
    Route timeline = Route.get("/api/v1/devices/{id}/timeline", Access.ADMIN, NONE);
    assertThat(timeline.match(Router.segments("/api/v1/devices/n-42/timeline")))
        .isEqualTo(Map.of("id", "n-42"));
    assertThat(timeline.match(Router.segments("/api/v1/devices//timeline"))).isNull();
    assertThat(timeline.match(Router.segments("/api/v1/devices/a/b/timeline"))).isNull();
    assertThat(timeline.match(Router.segments("/api/v1/devices/n-42"))).isNull();
    Route literal = Route.get("/api/v1/devices", Access.ADMIN, NONE);
    assertThat(literal.match(Router.segments("/api/v1/devices"))).isEmpty();
    assertThat(literal.match(Router.segments("/api/v1/devices/"))).isNull();
  }
}
