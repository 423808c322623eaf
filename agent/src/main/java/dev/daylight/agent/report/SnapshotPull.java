package dev.daylight.agent.report;

import dev.daylight.agent.intel.IntelStore;
import dev.daylight.agent.intel.LoadReport;
import dev.daylight.agent.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the fleet's intel snapshot when the collector has a new one and imports it into the state
 * folder's intel, where every later scan finds it. Only a snapshot signed by the key pinned at
 * enrollment is imported; without a pinned key nothing is fetched.
 */
final class SnapshotPull {
  private static final Logger log = LoggerFactory.getLogger(SnapshotPull.class);
  static final String ETAG = "report.intel-snapshot-etag";

  private SnapshotPull() {}

  /**
   * @return whether a new snapshot was imported
   */
  static boolean pull(CollectorClient client, Path stateDir, Store store) throws IOException {
    // Read again: the policy pull of this round may just have pinned the key.
    Optional<Credentials> creds = Credentials.load(stateDir);
    if (creds.isEmpty() || creds.get().signingKey() == null) {
      return false;
    }
    Optional<Map.Entry<byte[], String>> got =
        client.intelSnapshot(
            creds.get().nodeKey(), store.setting(ETAG).orElse(null), creds.get().signingKey());
    if (got.isEmpty()) {
      return false;
    }
    Path tmp = Files.createTempFile(stateDir, "fleet-snapshot", ".tsv.gz");
    try {
      Files.write(tmp, got.get().getKey());
      LoadReport r = new IntelStore(stateDir).importFrom(tmp);
      if (!r.errors().isEmpty()) {
        // Signed by our collector, so not hostile: the readable lines count, the rest is logged.
        log.atWarn()
            .addKeyValue("unreadable", r.errors().size())
            .log("fleet intel snapshot: skipped unreadable lines, first: {}", r.errors().get(0));
      }
      if (!got.get().getValue().isBlank()) {
        store.putSetting(ETAG, got.get().getValue());
      }
      log.atInfo().addKeyValue("records", r.records()).log("fleet intel snapshot imported");
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
