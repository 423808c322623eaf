package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain HTTP stays on loopback unless asked otherwise, and /metrics can ask for its own token. */
class SecureDefaultsTest {
  @TempDir Path tmp;

  @Test
  void plainHttpListensOnLoopbackUnlessTlsOrInsecureHttpIsGiven() {
    assertThat(Collector.listenAddress(null, false, false)).isEqualTo("127.0.0.1");
    assertThat(Collector.listenAddress(null, true, false)).isEqualTo("0.0.0.0");
    assertThat(Collector.listenAddress(null, false, true)).isEqualTo("0.0.0.0");
    assertThat(Collector.listenAddress("127.0.0.2", false, false)).isEqualTo("127.0.0.2");
    assertThat(Collector.listenAddress("::1", false, false)).isEqualTo("::1");
    assertThat(Collector.listenAddress("10.1.2.3", true, false)).isEqualTo("10.1.2.3");
    assertThat(Collector.listenAddress("0.0.0.0", false, true)).isEqualTo("0.0.0.0");
    assertThatThrownBy(() -> Collector.listenAddress("0.0.0.0", false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--insecure-http");
  }

  @Test
  void metricsAskForTheirTokenWhenOneIsSet() throws Exception {
    try (Collector c =
        Collector.start(
            new Collector.Config(
                "127.0.0.1",
                0,
                "sqlite:" + tmp.resolve("c.db"),
                SECRET,
                ADMIN,
                null,
                null,
                3600,
                "metrics-token-1",
                null))) {
      Http http = new Http(c.port());
      assertThat(http.get("/metrics", null).status()).isEqualTo(401);
      assertThat(http.get("/metrics", ADMIN).status())
          .as("the admin token is not the metrics token")
          .isEqualTo(401);
      Http.Answer ok = http.get("/metrics", "metrics-token-1");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.body()).contains("daylight_");
    }
    try (Collector c = Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("d.db"), 3600))) {
      assertThat(new Http(c.port()).get("/metrics", null).status())
          .as("no token set: open, as before")
          .isEqualTo(200);
    }
  }
}
