package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.agent.managed.AutoEnroll;
import dev.daylight.agent.managed.AutoEnroll.Outcome;
import dev.daylight.agent.managed.ManagedConfig;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.report.Credentials;
import dev.daylight.agent.report.Enroller;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.store.Store;
import dev.daylight.collector.Collector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent against the real collector on loopback: an enroller with the victim's device id
 * (its device key copied) takes nothing; the victim re-enrolls with its key as proof; after an
 * administrator revokes the key, the agent is told why and enrolls again by itself.
 */
class EnrollmentTakeoverTest {
  @TempDir Path victim;
  @TempDir Path attacker;
  @TempDir Path etc;
  @TempDir Path server;

  @Test
  void theDeviceIdIsNoProofAndARevokedAgentLearnsWhyAndEnrollsAgain() throws Exception {
    int port = Loopback.freePort();
    String url = "http://127.0.0.1:" + port;
    try (Collector collector = Loopback.collector(port, server.resolve("collector.db"));
        Store store = Store.open(victim)) {
      Credentials first = Enroller.enroll(victim, url, Loopback.SECRET, null, null);
      Files.copy(victim.resolve("device.key"), attacker.resolve("device.key"));
      assertThatThrownBy(() -> Enroller.enroll(attacker, url, Loopback.SECRET, null, null))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("an administrator must allow the re-enrollment");
      assertThat(Credentials.load(attacker)).isEmpty();
      store.record(Loopback.scan("1.0.14"));
      Reporter reporter = new Reporter(victim);
      assertThat(reporter.deliverNow(store).problem()).as("the victim's key still works").isEmpty();

      Credentials second = Enroller.enroll(victim, url, Loopback.SECRET, null, null);
      assertThat(second.nodeId()).isEqualTo(first.nodeId());
      assertThat(second.nodeKey()).isNotEqualTo(first.nodeKey());

      Loopback.adminPost(
          port,
          "/api/v1/devices/" + first.nodeId() + "/reenroll",
          Map.of("by", "sec-team", "revoke", true));
      store.record(Loopback.scan("1.0.15"));
      Reporter.Round refused = reporter.deliverNow(store);
      assertThat(refused.problem())
          .get()
          .asString()
          .contains("revoked by an administrator", "enrolling again");
      assertThat(Credentials.load(victim)).isEmpty();

      Path conf =
          Files.writeString(
              etc.resolve("agent.conf"),
              "collector = " + url + "\nenroll_secret = " + Loopback.SECRET + "\n");
      Supplier<ManagedConfig> managed =
          () ->
              ManagedConfig.load(
                  Layout.of(Os.LINUX, etc), Map.of(ManagedConfig.OVERRIDE_ENV, conf.toString()));
      assertThat(AutoEnroll.ensure(victim, managed)).isEqualTo(Outcome.ENROLLED);
      assertThat(Credentials.load(victim).orElseThrow().nodeId()).isEqualTo(first.nodeId());
      Reporter.Round back = reporter.deliverNow(store);
      assertThat(back.problem()).isEmpty();
      assertThat(back.pending()).isZero();
      assertThat(
              Loopback.admin(port, "/api/v1/admin/enrollments")
                  .get("duplicates")
                  .get(0)
                  .get("refusedEnrollments")
                  .asLong())
          .isEqualTo(1);
    }
  }
}
