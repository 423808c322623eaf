package dev.daylight.agent.store;

import dev.daylight.protocol.Inventory;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.DigestUtils;

/** What makes two scans' inventories the same content, whatever their ids and times. */
final class Snapshots {
  private Snapshots() {}

  static String contentHash(Inventory inventory) {
    Inventory content = inventory.toBuilder().scanId("-").startedAt(null).finishedAt(null).build();
    return DigestUtils.sha256Hex(Sql.json(content).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The stored inventory of a scan that points at another: its content with its own id and times.
   */
  static Inventory as(
      Inventory content, String scanId, java.time.Instant started, java.time.Instant finished) {
    return content.toBuilder().scanId(scanId).startedAt(started).finishedAt(finished).build();
  }
}
