package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.daemon.Resident;
import dev.daylight.agent.report.Enroller;
import dev.daylight.agent.store.Store;
import dev.daylight.collector.Collector;
import dev.daylight.testing.TestJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as it runs on a workstation (resident process, scans in child JVMs) against a real
 * collector that is down when the first scan is stored: the scan child says reports wait, the
 * resident retries with delivery children on its own, without any change or interval scan, until
 * the collector is back; the report then arrives once, and the fleet policy's scan interval is in
 * force in the resident.
 */
class DaemonDeliveryTest {
  @TempDir Path home;
  @TempDir Path state;
  @TempDir Path server;

  @Test
  void queuedReportsAreRetriedBetweenScansAndThePolicyIntervalApplies() throws Exception {
    int port = Loopback.freePort();
    Path db = server.resolve("collector.db");
    try (Collector first = Loopback.collector(port, db)) {
      Enroller.enroll(state, "http://127.0.0.1:" + port, Loopback.SECRET, null, null);
    }
    Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(
        home.resolve(".cursor/mcp.json"),
        "{\"mcpServers\": {\"postmark\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp@1.0.16\"]}}}");
    List<String> child =
        Resident.childCommand(
            TestJvm.QUICK,
            TestJvm.AGENT_MAIN,
            List.of("--home=" + home, "--os=linux", "--state-dir=" + state));
    try (Resident agent =
        new Resident(
            new Resident.Settings(
                Duration.ofHours(1), Duration.ofMillis(100), Duration.ofMinutes(2), state),
            child)) {
      agent.start();
      await("first scan stored and queued")
          .atMost(Duration.ofSeconds(90))
          .until(() -> outbox() > 0);
      Thread.sleep(3000); // at least one failed delivery while the collector is down
      List<String> queued =
          read(s -> s.pendingReports(100).stream().map(i -> i.report().reportId()).toList());
      assertThat(queued).isNotEmpty();
      assertThat(agent.interval()).isEqualTo(Duration.ofHours(1));

      // Back, asking for a scan every 10 minutes. Nothing changes on the machine: only the
      // resident's delivery retries can bring the queued report over.
      try (Collector back =
          Collector.start(
              new Collector.Config(
                  "127.0.0.1",
                  port,
                  "sqlite:" + db,
                  Loopback.SECRET,
                  Loopback.ADMIN,
                  null,
                  null,
                  600,
                  null,
                  null))) {
        await("delivered by a retry").atMost(Duration.ofSeconds(90)).until(() -> outbox() == 0);
        JsonNode devices = Loopback.admin(port, "/api/v1/devices").get("devices");
        assertThat(devices).hasSize(1);
        String node = devices.get(0).get("nodeId").asText();
        List<String> arrived = new ArrayList<>();
        Loopback.admin(port, "/api/v1/devices/" + node + "/timeline?limit=100")
            .get("reports")
            .forEach(r -> arrived.add(r.get("reportId").asText()));
        assertThat(arrived).containsAll(queued).doesNotHaveDuplicates();
        await("the policy's interval in force")
            .atMost(Duration.ofSeconds(90))
            .until(() -> agent.interval().equals(Duration.ofMinutes(10)));
      }
    }
  }

  private int outbox() {
    return read(Store::outboxDepth);
  }

  private <T> T read(Function<Store, T> query) {
    try (Store s = Store.open(state)) {
      return query.apply(s);
    }
  }
}
