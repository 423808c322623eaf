package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.managed.AutoEnroll;
import dev.daylight.agent.managed.AutoEnroll.Outcome;
import dev.daylight.agent.managed.ManagedConfig;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.report.Credentials;
import dev.daylight.collector.Collector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A silently installed agent enrolls itself: agent.conf as the packages write it, a collector that
 * is down at first start and up later, the node key kept 0600 and the secret kept nowhere.
 */
class AutoEnrollTest {
  @TempDir Path state;
  @TempDir Path etc;
  @TempDir Path server;

  @Test
  void theAgentEnrollsFromTheManagedConfigOnceTheCollectorAnswers() throws Exception {
    int port = Loopback.freePort();
    Path conf =
        Files.writeString(
            etc.resolve("agent.conf"),
            "collector = http://127.0.0.1:" + port + "\nenroll_secret = " + Loopback.SECRET + "\n");
    Supplier<ManagedConfig> managed =
        () ->
            ManagedConfig.load(
                Layout.of(Os.LINUX, etc), Map.of(ManagedConfig.OVERRIDE_ENV, conf.toString()));

    assertThat(AutoEnroll.ensure(state, managed))
        .as("collector still down")
        .isEqualTo(Outcome.FAILED);
    assertThat(Credentials.load(state)).isEmpty();

    try (Collector collector = Loopback.collector(port, server.resolve("collector.db"))) {
      assertThat(AutoEnroll.ensure(state, managed)).isEqualTo(Outcome.ENROLLED);
      assertThat(AutoEnroll.ensure(state, managed)).isEqualTo(Outcome.ALREADY_ENROLLED);
      assertThat(Loopback.admin(port, "/api/v1/devices").get("devices")).hasSize(1);
    }
    Path credentials = state.resolve("collector.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(credentials)).doesNotContain(Loopback.SECRET);
  }

  @Test
  void withoutManagedConfigTheAgentStaysUnenrolled() {
    assertThat(AutoEnroll.ensure(state, ManagedConfig::none)).isEqualTo(Outcome.NOT_CONFIGURED);
    assertThat(Credentials.load(state)).isEmpty();
  }
}
