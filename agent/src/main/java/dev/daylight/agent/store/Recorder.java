package dev.daylight.agent.store;

import dev.daylight.agent.change.Lifecycle;
import dev.daylight.agent.change.ServerChange;
import dev.daylight.agent.change.ServerDiff;
import dev.daylight.agent.change.Trust;
import dev.daylight.agent.change.UsageRisk;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import dev.daylight.protocol.UsageDay;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores one scan inside the caller's transaction: snapshot, diff, trust, lifecycle, outbox. */
final class Recorder {
  /** Scans older than this many are pruned; events keep their before/after forever. */
  static final int KEEP_SCANS = 1000;

  /** Past this age a scan that changed nothing is dropped: the scans around it say the same. */
  static final java.time.Duration KEEP_UNCHANGED = java.time.Duration.ofDays(30);

  private final Connection c;
  private final Instant now;

  Recorder(Connection c, Instant now) {
    this.c = c;
    this.now = now;
  }

  Recorded record(Inventory scanned, List<UsageDay> usageDays) {
    List<McpServer> known =
        Sql.list(
            c,
            "SELECT body FROM servers WHERE removed_at IS NULL",
            rs -> Sql.read(rs.getString(1), McpServer.class));
    Set<String> unreadable =
        scanned.errors().stream().map(ScanError::path).collect(Collectors.toSet());
    Set<String> foundIds =
        scanned.servers().stream().map(McpServer::id).collect(Collectors.toSet());
    Set<String> untouchable = new HashSet<>();
    for (McpServer s : known) {
      if (unreadable.contains(s.configPath()) && !foundIds.contains(s.id())) {
        untouchable.add(s.id());
      }
    }
    List<ServerChange> changes = ServerDiff.diff(known, scanned.servers(), unreadable);

    long seq =
        Sql.insert(
            c,
            "INSERT INTO scans(scan_id, started_at, finished_at, stored_at, inventory) VALUES (?,?,?,?,?)",
            scanned.scanId(),
            scanned.startedAt(),
            scanned.finishedAt(),
            now,
            "{}");
    long firstSeq = Sql.one(c, "SELECT MIN(seq) FROM scans", rs -> rs.getLong(1)).orElse(seq);
    upsertServers(scanned.servers(), changes, seq);

    Trust.Outcome trust = Trust.assess(scanned.servers(), new Reviews(c));
    new Reviews(c).applyScanStates(trust.states(), now);
    List<Finding> newServers = new ArrayList<>();
    for (McpServer s : scanned.servers()) {
      long first =
          Sql.one(
                  c,
                  "SELECT first_scan FROM servers WHERE server_id = ?",
                  rs -> rs.getLong(1),
                  s.id())
              .orElse(seq);
      if (first > firstSeq) {
        newServers.add(Trust.newServer(s));
      }
    }
    List<Finding> all =
        UsageRisk.escalate(
            Trust.merge(Trust.merge(scanned.findings(), trust.findings()), newServers),
            scanned.servers());
    Inventory stored = scanned.withFindings(all);
    storeContent(stored, seq);

    List<ChangeEvent> events = new ArrayList<>();
    for (ServerChange change : changes) {
      events.add(Events.of(change, stored.scanId(), now));
    }
    events.addAll(
        new FindingBook(c, now)
            .apply(Lifecycle.reconcile(all, FindingBook.known(c), untouchable), stored.scanId()));
    Events.insert(c, events);
    new Outbox(c).afterScan(stored, events, usageDays, now);
    Meta.bump(c);
    prune(seq);
    return new Recorded(seq, stored, events);
  }

  private void upsertServers(List<McpServer> found, List<ServerChange> changes, long seq) {
    for (McpServer s : found) {
      Sql.update(
          c,
          "INSERT INTO servers(server_id, client, config_path, name, first_seen, last_seen,"
              + " first_scan, removed_at, body) VALUES (?,?,?,?,?,?,?,NULL,?)"
              + " ON CONFLICT(server_id) DO UPDATE SET last_seen = excluded.last_seen,"
              + " removed_at = NULL, body = excluded.body",
          s.id(),
          s.client(),
          s.configPath(),
          s.name(),
          now,
          now,
          seq,
          Sql.json(s));
    }
    for (ServerChange change : changes) {
      if (change instanceof ServerChange.Removed removed) {
        Sql.update(
            c, "UPDATE servers SET removed_at = ? WHERE server_id = ?", now, removed.server().id());
      }
    }
  }

  /**
   * Keeps the inventory with the scan, or, when it is what the previous scan found, only a pointer
   * to the scan that holds it: an unchanged home adds a row of a few hundred bytes, not a copy.
   */
  private void storeContent(Inventory stored, long seq) {
    String hash = Snapshots.contentHash(stored);
    Optional<Long> same =
        Sql.one(
            c,
            "SELECT COALESCE(same_as, seq) FROM scans WHERE seq < ? AND content_hash = ?"
                + " AND seq = (SELECT MAX(seq) FROM scans WHERE seq < ?)",
            rs -> rs.getLong(1),
            seq,
            hash,
            seq);
    if (same.isPresent()) {
      Sql.update(
          c, "UPDATE scans SET content_hash = ?, same_as = ? WHERE seq = ?", hash, same.get(), seq);
    } else {
      Sql.update(
          c,
          "UPDATE scans SET inventory = ?, content_hash = ? WHERE seq = ?",
          Sql.json(stored),
          hash,
          seq);
      writeSnapshotRows(stored, seq);
    }
  }

  private void writeSnapshotRows(Inventory inv, long seq) {
    for (McpServer s : inv.servers()) {
      Sql.update(
          c,
          "INSERT OR REPLACE INTO scan_servers(scan_seq, server_id, body) VALUES (?,?,?)",
          seq,
          s.id(),
          Sql.json(s));
    }
    for (InstalledPackage p : inv.packages()) {
      Sql.update(
          c,
          "INSERT INTO scan_packages(scan_seq, purl, version, source, body) VALUES (?,?,?,?,?)",
          seq,
          p.purl(),
          p.version(),
          p.source(),
          Sql.json(p));
    }
    for (Client cl : inv.clients()) {
      Sql.update(
          c,
          "INSERT INTO scan_clients(scan_seq, client_id, body) VALUES (?,?,?)",
          seq,
          cl.id(),
          Sql.json(cl));
    }
    for (Finding f : inv.findings()) {
      Sql.update(
          c, "INSERT OR IGNORE INTO scan_findings(scan_seq, finding_id) VALUES (?,?)", seq, f.id());
    }
  }

  /**
   * Drops scans past the count and unchanged ones past the age. A scan others point at is kept
   * while they are: its inventory is theirs.
   */
  private void prune(long seq) {
    Sql.update(
        c,
        "DELETE FROM scans WHERE same_as IS NOT NULL AND stored_at < ?",
        now.minus(KEEP_UNCHANGED));
    Sql.update(c, "DELETE FROM scans WHERE same_as IS NOT NULL AND seq <= ?", seq - KEEP_SCANS);
    Sql.update(
        c,
        "DELETE FROM scans WHERE same_as IS NULL AND seq <= ?"
            + " AND NOT EXISTS (SELECT 1 FROM scans t WHERE t.same_as = scans.seq)",
        seq - KEEP_SCANS);
  }
}
