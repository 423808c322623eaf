package dev.daylight.agent.store;

import dev.daylight.agent.change.Lifecycle;
import dev.daylight.agent.change.Lifecycle.Transition;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Finding;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The findings table: applies lifecycle transitions and says what changed as events. */
final class FindingBook {
  private final Connection c;
  private final Instant now;

  FindingBook(Connection c, Instant now) {
    this.c = c;
    this.now = now;
  }

  static Map<String, Lifecycle.Known> known(Connection c) {
    Map<String, Lifecycle.Known> map = new LinkedHashMap<>();
    for (Lifecycle.Known k :
        Sql.list(
            c,
            "SELECT finding_id, status, server_id FROM findings",
            rs -> new Lifecycle.Known(rs.getString(1), status(rs.getString(2)), rs.getString(3)))) {
      map.put(k.id(), k);
    }
    return map;
  }

  static Lifecycle.Status status(String text) {
    return Lifecycle.Status.valueOf(text.toUpperCase(Locale.ROOT));
  }

  static String wire(Lifecycle.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  List<ChangeEvent> apply(List<Transition> transitions, String scanId) {
    List<ChangeEvent> events = new ArrayList<>();
    for (Transition t : transitions) {
      // Java 17 has no pattern switch; the sealed interface keeps this list complete.
      if (t instanceof Transition.Opened o) {
        upsert(o.finding(), "open");
        events.add(Events.findingOpened(o.finding(), scanId, now));
      } else if (t instanceof Transition.StillPresent p) {
        Sql.update(
            c,
            "UPDATE findings SET last_seen = ?, body = ?, severity = ?,"
                // Raised to critical or high, an acknowledged finding is open again
                // (Acknowledgement).
                + " status = CASE WHEN status = 'acknowledged' AND ? THEN 'open' ELSE status END"
                + " WHERE finding_id = ?",
            now,
            Sql.json(p.finding()),
            p.finding().severity().wire(),
            !Acknowledgement.allowedFor(p.finding().severity()),
            p.finding().id());
      } else if (t instanceof Transition.Resolved r) {
        Finding before = body(r.known().id());
        resolve(r.known().id());
        events.add(Events.findingResolved(before, scanId, now));
      }
    }
    return events;
  }

  void upsert(Finding f, String status) {
    Sql.update(
        c,
        "INSERT INTO findings(finding_id, rule, severity, status, server_id, purl, first_seen,"
            + " last_seen, body) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(finding_id) DO UPDATE SET"
            + " status = excluded.status, severity = excluded.severity, last_seen = excluded.last_seen,"
            + " resolved_at = NULL, acknowledged_at = NULL, note = NULL, body = excluded.body",
        f.id(),
        f.rule(),
        f.severity().wire(),
        status,
        f.serverId(),
        f.purl(),
        now,
        now,
        Sql.json(f));
  }

  void resolve(String findingId) {
    Sql.update(
        c,
        "UPDATE findings SET status = 'resolved', resolved_at = ? WHERE finding_id = ?",
        now,
        findingId);
  }

  Finding body(String findingId) {
    return Sql.one(
            c,
            "SELECT body FROM findings WHERE finding_id = ?",
            rs -> Sql.read(rs.getString(1), Finding.class),
            findingId)
        .orElseThrow();
  }

  boolean isOpen(String findingId) {
    return Sql.one(
            c, "SELECT status FROM findings WHERE finding_id = ?", rs -> rs.getString(1), findingId)
        .map(s -> !s.equals("resolved"))
        .orElse(false);
  }
}
