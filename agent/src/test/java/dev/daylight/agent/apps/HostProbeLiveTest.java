package dev.daylight.agent.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import org.junit.jupiter.api.Test;

/** Runs the real OSHI probe on this machine; asserts invariants, since what runs here varies. */
class HostProbeLiveTest {
  @Test
  void everyProbedClientIsAKnownAppWithProcessOrPortEvidence() {
    AppCatalog catalog = AppCatalog.load();
    for (Client c : HostProbe.probe(catalog)) {
      assertThat(catalog.apps()).anyMatch(a -> a.id().equals(c.id()));
      for (Evidence e : c.evidence()) {
        assertThat(e.kind()).isIn("process", "port");
        if (e.kind().equals("port")) {
          assertThat(e.text())
              .matches("listening on (\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-f:.]+\\]):\\d+.*");
        }
      }
    }
  }
}
