package dev.daylight.agent.store;

import dev.daylight.agent.change.ServerChange;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.ChangeType;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Change events: built from diffs and lifecycle transitions, appended to the events table. */
final class Events {
  private Events() {}

  static ChangeEvent of(ServerChange change, String scanId, Instant at) {
    McpServer s = change.server();
    String purl = s.pkg() == null ? null : s.pkg().purl();
    if (change instanceof ServerChange.Added) {
      return event(
          ChangeType.SERVER_ADDED,
          at,
          scanId,
          s.id(),
          purl,
          null,
          "MCP server '" + s.name() + "' added in " + s.client(),
          null,
          s);
    } else if (change instanceof ServerChange.Removed) {
      return event(
          ChangeType.SERVER_REMOVED,
          at,
          scanId,
          s.id(),
          purl,
          null,
          "MCP server '" + s.name() + "' removed from " + s.client(),
          s,
          null);
    } else if (change instanceof ServerChange.Changed ch) {
      return event(
          ChangeType.SERVER_CHANGED,
          at,
          scanId,
          s.id(),
          purl,
          null,
          "MCP server '"
              + s.name()
              + "' in "
              + s.client()
              + " changed: "
              + String.join(", ", ch.fields()),
          ch.before(),
          s);
    } else {
      ServerChange.PackageVersionChanged v = (ServerChange.PackageVersionChanged) change;
      PackageRef before = v.before().pkg();
      PackageRef after = s.pkg();
      return event(
          ChangeType.PACKAGE_VERSION_CHANGED,
          at,
          scanId,
          s.id(),
          after.purl(),
          null,
          after.name()
              + " changed from "
              + before.version()
              + " to "
              + after.version()
              + " in server '"
              + s.name()
              + "'",
          Map.of("version", String.valueOf(before.version()), "purl", before.purl()),
          Map.of("version", String.valueOf(after.version()), "purl", after.purl()));
    }
  }

  static ChangeEvent findingOpened(Finding f, String scanId, Instant at) {
    return event(
        ChangeType.FINDING_OPENED,
        at,
        scanId,
        f.serverId(),
        f.purl(),
        f.id(),
        f.severity().wire() + ": " + f.title(),
        null,
        f);
  }

  static ChangeEvent findingResolved(Finding f, String scanId, Instant at) {
    return event(
        ChangeType.FINDING_RESOLVED,
        at,
        scanId,
        f.serverId(),
        f.purl(),
        f.id(),
        "resolved: " + f.title(),
        f,
        null);
  }

  static ChangeEvent reviewChanged(
      String purl, String version, String before, String after, String reason, Instant at) {
    return event(
        ChangeType.REVIEW_CHANGED,
        at,
        null,
        null,
        purl + "@" + version,
        null,
        purl
            + "@"
            + version
            + " "
            + before
            + " -> "
            + after
            + (reason == null ? "" : " (" + reason + ")"),
        Map.of("state", before),
        reason == null ? Map.of("state", after) : Map.of("state", after, "reason", reason));
  }

  static ChangeEvent event(
      ChangeType type,
      Instant at,
      String scanId,
      String serverId,
      String purl,
      String findingId,
      String summary,
      Object before,
      Object after) {
    return new ChangeEvent(
        UUID.randomUUID().toString(),
        type,
        at,
        scanId,
        serverId,
        purl,
        findingId,
        summary,
        Sql.tree(before),
        Sql.tree(after));
  }

  static void insert(Connection c, List<ChangeEvent> events) {
    for (ChangeEvent e : events) {
      Sql.update(
          c,
          "INSERT INTO events(event_id, type, at, scan_id, body) VALUES (?,?,?,?,?)",
          e.id(),
          e.type().wire(),
          e.at(),
          e.scanId(),
          Sql.json(e));
    }
  }

  static List<ChangeEvent> since(Connection c, Optional<Instant> since) {
    return Sql.list(
        c,
        "SELECT body FROM events WHERE at >= ? ORDER BY seq",
        rs -> Sql.read(rs.getString(1), ChangeEvent.class),
        since.map(Sql::text).orElse(""));
  }
}
