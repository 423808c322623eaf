package dev.daylight.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.ApiException;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.UsageDay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validated report turned into the column values it writes, on the request thread. The one
 * database writer then only binds and executes; JSON work there would hold every caller's commit.
 *
 * @param inventory a snapshot's inventory (applied as a whole), or null for a delta
 * @param ops a delta's changes to the latest view, in event order
 */
record ReportRows(
    String node,
    String reportId,
    Object[] report,
    List<Object[]> events,
    Inventory inventory,
    long createdAt,
    List<Op> ops,
    Object[] seen,
    List<Object[]> usage) {
  private static final Logger log = LoggerFactory.getLogger(ReportRows.class);
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Duration SKEW = Duration.ofDays(1);

  /** One change to a device's latest view. */
  sealed interface Op {}

  /** Values in {@link BatchIngest}'s server upsert order, and the server (for its classes). */
  record ServerUpsert(Object[] row, McpServer server) implements Op {}

  record ServerDelete(String serverId) implements Op {}

  record VersionSet(String serverId, String version, long at) implements Op {}

  /** Values in {@link BatchIngest}'s finding upsert order. */
  record FindingUpsert(Object[] row) implements Op {}

  record FindingResolve(String findingId, long at) implements Op {}

  static ReportRows of(String node, Report r, long now) {
    long created = r.createdAt() != null ? millis(r.createdAt(), now, "createdAt") : now;
    Object[] report = {
      r.reportId(), node, r.kind().wire(), r.schemaVersion(), created, now, r.events().size()
    };
    List<Object[]> events = new ArrayList<>(r.events().size());
    for (ChangeEvent e : r.events()) {
      events.add(
          new Object[] {
            node,
            e.id(),
            r.reportId(),
            e.type().wire(),
            millis(e.at(), now, "events[].at"),
            e.serverId(),
            e.purl(),
            e.findingId(),
            e.summary(),
            e.before() == null ? null : RawEvents.text(e.before()),
            e.after() == null ? null : RawEvents.text(e.after())
          });
    }
    List<Op> ops = new ArrayList<>();
    if (r.inventory() == null) {
      for (ChangeEvent e : r.events()) {
        op(node, e, r.reportId(), now, ops);
      }
    }
    List<Object[]> usage = new ArrayList<>();
    if (r.usage() != null) {
      for (UsageDay d : r.usage()) {
        usage.add(
            new Object[] {
              node,
              d.day(),
              d.client(),
              d.server(),
              d.tool(),
              d.calls(),
              d.errors(),
              d.lastCall() == null ? 0L : millis(d.lastCall(), now, "usage[].lastCall")
            });
      }
    }
    return new ReportRows(
        node,
        r.reportId(),
        report,
        events,
        r.inventory(),
        created,
        List.copyOf(ops),
        new Object[] {now, r.schemaVersion(), node},
        usage);
  }

  private static void op(String node, ChangeEvent e, String reportId, long now, List<Op> ops) {
    long at = millis(e.at(), now, "events[].at");
    try {
      switch (e.type()) {
        case SERVER_ADDED, SERVER_CHANGED -> {
          if (RawEvents.isObject(e.after())) {
            McpServer s = RawEvents.read(e.after(), McpServer.class);
            ops.add(new ServerUpsert(LatestView.serverRow(node, s, at, reportId), s));
          }
        }
        case SERVER_REMOVED -> {
          String id = e.serverId() != null ? e.serverId() : text(e.before(), "id");
          if (id != null) {
            ops.add(new ServerDelete(id));
          }
        }
        case PACKAGE_VERSION_CHANGED -> {
          String version = text(e.after(), "version");
          if (e.serverId() != null && version != null) {
            ops.add(new VersionSet(e.serverId(), version, at));
          }
        }
        case FINDING_OPENED -> {
          if (RawEvents.isObject(e.after())) {
            Finding f = RawEvents.read(e.after(), Finding.class);
            ops.add(new FindingUpsert(LatestView.findingRow(node, f, at, reportId)));
          }
        }
        case FINDING_RESOLVED -> {
          String id = e.findingId() != null ? e.findingId() : text(e.before(), "id");
          if (id != null) {
            ops.add(new FindingResolve(id, at));
          }
        }
        // The timeline keeps these; the latest view has nothing to change for them.
        case REVIEW_CHANGED, GUARD_CALL, UNKNOWN -> {}
      }
    } catch (java.io.IOException | IllegalArgumentException ex) {
      // The event stays in the timeline; only the latest view skips what it cannot read.
      log.atWarn()
          .addKeyValue("node", node)
          .addKeyValue("event", e.id())
          .addKeyValue("type", e.type().wire())
          .log("event body not applied: {}", ex.getMessage());
    }
  }

  /**
   * An agent's time in epoch milliseconds, within 2000 and the collector's clock: a device whose
   * clock is wrong (a dead battery gives 1970, a fast clock the future) still has its report
   * stored, at the nearest time it can have, and a future time cannot keep that device first in the
   * lists ordered by last seen. Only a time past a day ahead of the collector is refused (400): the
   * agent drops such a report, and it may not even fit a long.
   */
  static long millis(Instant t, long now, String field) {
    if (t.isAfter(Instant.ofEpochMilli(now).plus(SKEW))) {
      throw ApiException.badRequest(field + " is more than one day past the collector's time");
    }
    return Math.min((t.isBefore(EARLIEST) ? EARLIEST : t).toEpochMilli(), now);
  }

  private static String text(JsonNode body, String field) throws java.io.IOException {
    JsonNode node = body == null ? null : RawEvents.tree(body);
    if (node == null || !node.hasNonNull(field)) {
      return null;
    }
    return node.get(field).asText();
  }
}
