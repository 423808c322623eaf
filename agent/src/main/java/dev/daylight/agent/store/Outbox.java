package dev.daylight.agent.store;

import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.UsageDay;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Reports for the collector, written in the same transaction as the scan they describe, so a scan
 * is never stored without its report or reported without being stored. A snapshot goes first; after
 * it, a delta per scan that changed something (the latest inventory rides along so the collector's
 * current view stays exact).
 */
final class Outbox {
  static final String SNAPSHOT_DUE = "outbox.snapshot_due";

  /**
   * Undelivered reports kept at most. An agent that never reaches a collector (none configured, or
   * gone for months) must not grow without bound: past the cap the oldest reports are dropped and
   * the next scan queues a full snapshot, which carries the current state anyway. The local history
   * keeps every event.
   */
  static final int MAX_PENDING = 200;

  private final Connection c;

  Outbox(Connection c) {
    this.c = c;
  }

  /**
   * Queues this scan's report: a snapshot when one is due (with the usage ledger's days of the
   * whole window), else a delta when something changed, or when the last days' usage counts differ
   * from what was last sent (with those days only).
   */
  void afterScan(Inventory inventory, List<ChangeEvent> events, List<UsageDay> usage, Instant now) {
    if (depth() >= MAX_PENDING) {
      Sql.update(
          c,
          "DELETE FROM outbox WHERE delivered_at IS NULL AND seq IN (SELECT seq FROM outbox"
              + " WHERE delivered_at IS NULL ORDER BY seq LIMIT ?)",
          depth() - MAX_PENDING + 1);
      requestSnapshot();
    }
    boolean snapshotDue = Meta.get(c, SNAPSHOT_DUE).map(Boolean::parseBoolean).orElse(true);
    String today = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(RECENT_DAYS - 1).toString();
    List<UsageDay> recent =
        usage == null ? null : usage.stream().filter(d -> d.day().compareTo(today) >= 0).toList();
    String mark = recent == null ? null : Integer.toHexString(Sql.json(recent).hashCode());
    boolean usageChanged = mark != null && !mark.equals(Meta.get(c, USAGE_SENT).orElse(null));
    if (snapshotDue) {
      enqueue(
          new Report(
              SchemaVersion.CURRENT,
              UUID.randomUUID().toString(),
              null,
              now,
              ReportKind.SNAPSHOT,
              inventory,
              events,
              usage));
      Meta.put(c, SNAPSHOT_DUE, "false");
    } else if (!events.isEmpty() || usageChanged) {
      enqueue(
          new Report(
              SchemaVersion.CURRENT,
              UUID.randomUUID().toString(),
              null,
              now,
              ReportKind.DELTA,
              inventory,
              events,
              recent));
    }
    if (mark != null) {
      Meta.put(c, USAGE_SENT, mark);
    }
  }

  /**
   * Events that happened outside a scan (a review, a policy pull, the guard's refusals) still reach
   * the collector, with the latest inventory as those events leave it ({@link Reads#current}).
   */
  void enqueueDelta(List<ChangeEvent> events, Instant now) {
    if (!events.isEmpty()) {
      enqueue(
          new Report(
              SchemaVersion.CURRENT,
              UUID.randomUUID().toString(),
              null,
              now,
              ReportKind.DELTA,
              Reads.current(c).orElse(null),
              events,
              null));
    }
  }

  /** The next scan sends a full snapshot (a collector that lost this node asks for it). */
  void requestSnapshot() {
    Meta.put(c, SNAPSHOT_DUE, "true");
  }

  /** How many of the last days a delta's usage counts cover (today, yesterday, the day before). */
  private static final int RECENT_DAYS = 3;

  private static final String USAGE_SENT = "usage.sent";

  void enqueue(Report report) {
    Sql.update(
        c,
        "INSERT INTO outbox(report_id, kind, created_at, body) VALUES (?,?,?,?)",
        report.reportId(),
        report.kind().wire(),
        report.createdAt(),
        Sql.json(report));
  }

  List<OutboxItem> pending(int max) {
    return Sql.list(
        c,
        "SELECT seq, body, attempts FROM outbox WHERE delivered_at IS NULL ORDER BY seq LIMIT ?",
        rs -> new OutboxItem(rs.getLong(1), Sql.read(rs.getString(2), Report.class), rs.getInt(3)),
        max);
  }

  boolean markDelivered(String reportId, Instant now) {
    return Sql.update(
            c,
            "UPDATE outbox SET delivered_at = ? WHERE report_id = ? AND delivered_at IS NULL",
            now,
            reportId)
        == 1;
  }

  void markFailed(String reportId, String error) {
    Sql.update(
        c,
        "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE report_id = ?",
        error,
        reportId);
  }

  int depth() {
    return Sql.one(c, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL", rs -> rs.getInt(1))
        .orElse(0);
  }

  /** Delivered reports are kept a week as a record, then dropped. */
  void prune(Instant now) {
    Sql.update(
        c,
        "DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?",
        now.minusSeconds(7 * 24 * 3600));
  }
}
