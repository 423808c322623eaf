package dev.daylight.protocol;

import java.time.Instant;
import java.util.List;

/**
 * What an agent sends: a full snapshot first, deltas of change events after.
 *
 * @param reportId idempotency key: the collector stores a report id once
 * @param kind a snapshot or a delta
 * @param inventory the inventory for a snapshot; for a delta the latest inventory may also ride
 *     along so the collector's "latest" view stays exact
 * @param usage the usage ledger's per-day counts per server and tool for the last days (each day
 *     whole, so the collector replaces what it had); null when the agent sends none
 */
public record Report(
    int schemaVersion,
    String reportId,
    String nodeId,
    Instant createdAt,
    ReportKind kind,
    Inventory inventory,
    List<ChangeEvent> events,
    List<UsageDay> usage) {
  public Report {
    Checks.required(reportId, "reportId");
    Checks.required(kind, "kind");
    events = Checks.list(events);
    usage = usage == null ? null : List.copyOf(usage);
  }
}
