package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.report.Enroller;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.store.OutboxItem;
import dev.daylight.agent.store.Store;
import dev.daylight.collector.Collector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop the collector, keep scanning, start it again: every report arrives, and arrives once. */
class OutageTest {
  @TempDir Path state;
  @TempDir Path server;

  @Test
  void reportsQueuedDuringAnOutageArriveExactlyOnceAfterIt() throws Exception {
    int port = Loopback.freePort();
    Path db = server.resolve("collector.db");
    Collector collector = Loopback.collector(port, db);
    Enroller.enroll(state, "http://127.0.0.1:" + port, Loopback.SECRET, null, null);
    Reporter reporter = new Reporter(state);
    List<String> produced = new ArrayList<>();
    try (Store store = Store.open(state)) {
      store.record(Loopback.scan("1.0.14"));
      produced.addAll(pendingIds(store));
      assertThat(reporter.deliver(store).delivered()).isEqualTo(1);

      collector.close();
      for (String v : List.of("1.0.15", "1.0.16", "1.0.17")) {
        store.record(Loopback.scan(v));
      }
      List<String> queued = pendingIds(store);
      assertThat(queued).hasSize(3);
      produced.addAll(queued);
      Reporter.Round down = reporter.deliver(store);
      assertThat(down.delivered()).isZero();
      assertThat(down.pending()).isEqualTo(3);
      assertThat(down.problem()).isPresent();

      collector = Loopback.collector(port, db);
      Reporter.Round back = reporter.deliverNow(store);
      assertThat(back.problem()).isEmpty();
      assertThat(back.delivered()).isEqualTo(3);
      assertThat(store.outboxDepth()).isZero();
    } finally {
      collector.close();
    }
    try (Collector again = Loopback.collector(port, db)) {
      JsonNode devices = Loopback.admin(port, "/api/v1/devices").get("devices");
      assertThat(devices).hasSize(1);
      String node = devices.get(0).get("nodeId").asText();
      JsonNode reports =
          Loopback.admin(port, "/api/v1/devices/" + node + "/timeline?limit=100").get("reports");
      Set<String> arrived = new HashSet<>();
      reports.forEach(r -> arrived.add(r.get("reportId").asText()));
      assertThat(reports).hasSize(produced.size());
      assertThat(arrived).containsExactlyInAnyOrderElementsOf(produced);
      JsonNode latest =
          Loopback.admin(port, "/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp").get("devices");
      assertThat(latest).hasSize(1);
      assertThat(latest.get(0).get("version").asText()).isEqualTo("1.0.17");
    }
  }

  private static List<String> pendingIds(Store store) {
    return store.pendingReports(100).stream()
        .map(OutboxItem::report)
        .map(r -> r.reportId())
        .toList();
  }
}
