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
import dev.daylight.protocol.UsageDay;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores one scan inside the caller's transaction: snapshot, diff, trust, lifecycle, outbox. */
final class Recorder {
  /** Scans older than this many are pruned; events keep their before/after forever. */
  static final int KEEP_SCANS = 1000;

  private final Connection c;
  private final Instant now;

  Recorder(Connection c, Instant now) {
    this.c = c;
    this.now = now;
  }

  Recorded record(Inventory scanned, List<UsageDay> usageDays) {
    List<McpServer> known =
        Sql.list(c, "SELECT body FROM servers WHERE removed_at IS NULL",
            rs -> Sql.read(rs.getString(1), McpServer.class));
    Set<String> unreadable =
        scanned.errors().stream().map(ScanError::path).collect(Collectors.toSet());
    Set<String> foundIds = scanned.servers().stream().map(McpServer::id).collect(Collectors.toSet());
    Set<String> untouchable = new HashSet<>();
    for (McpServer s : known) {
      if (unreadable.contains(s.configPath()) && !foundIds.contains(s.id())) {
        untouchable.add(s.id());
      }
    }
    List<ServerChange> changes = ServerDiff.diff(known, scanned.servers(), unreadable);

    long seq = Sql.insert(c,
        "INSERT INTO scans(scan_id, started_at, finished_at, stored_at, inventory) VALUES (?,?,?,?,?)",
        scanned.scanId(), scanned.startedAt(), scanned.finishedAt(), now, "{}");
    long firstSeq = Sql.one(c, "SELECT MIN(seq) FROM scans", rs -> rs.getLong(1)).orElse(seq);
    upsertServers(scanned.servers(), changes, seq);

    Trust.Outcome trust = Trust.assess(scanned.servers(), new Reviews(c));
    new Reviews(c).applyScanStates(trust.states(), now);
    List<Finding> newServers = new ArrayList<>();
    for (McpServer s : scanned.servers()) {
      long first = Sql.one(c, "SELECT first_scan FROM servers WHERE server_id = ?",
          rs -> rs.getLong(1), s.id()).orElse(seq);
      if (first > firstSeq) {
        newServers.add(Trust.newServer(s));
      }
    }
    List<Finding> all = UsageRisk.escalate(
        Trust.merge(Trust.merge(scanned.findings(), trust.findings()), newServers), scanned.servers());
    Inventory stored = scanned.withFindings(all);
    Sql.update(c, "UPDATE scans SET inventory = ? WHERE seq = ?", Sql.json(stored), seq);
    writeSnapshotRows(stored, seq);

    List<ChangeEvent> events = new ArrayList<>();
    for (ServerChange change : changes) {
      events.add(Events.of(change, stored.scanId(), now));
    }
    events.addAll(new FindingBook(c, now).apply(
        Lifecycle.reconcile(all, FindingBook.known(c), untouchable), stored.scanId()));
    Events.insert(c, events);
    new Outbox(c).afterScan(stored, events, usageDays, now);
    Meta.bump(c);
    prune(seq);
    return new Recorded(seq, stored, events);
  }

  private void upsertServers(List<McpServer> found, List<ServerChange> changes, long seq) {
    for (McpServer s : found) {
      Sql.update(c,
          "INSERT INTO servers(server_id, client, config_path, name, first_seen, last_seen,"
              + " first_scan, removed_at, body) VALUES (?,?,?,?,?,?,?,NULL,?)"
              + " ON CONFLICT(server_id) DO UPDATE SET last_seen = excluded.last_seen,"
              + " removed_at = NULL, body = excluded.body",
          s.id(), s.client(), s.configPath(), s.name(), now, now, seq, Sql.json(s));
    }
    for (ServerChange change : changes) {
      if (change instanceof ServerChange.Removed removed) {
        Sql.update(c, "UPDATE servers SET removed_at = ? WHERE server_id = ?",
            now, removed.server().id());
      }
    }
  }

  private void writeSnapshotRows(Inventory inv, long seq) {
    for (McpServer s : inv.servers()) {
      Sql.update(c, "INSERT OR REPLACE INTO scan_servers(scan_seq, server_id, body) VALUES (?,?,?)",
          seq, s.id(), Sql.json(s));
    }
    for (InstalledPackage p : inv.packages()) {
      Sql.update(c,
          "INSERT INTO scan_packages(scan_seq, purl, version, source, body) VALUES (?,?,?,?,?)",
          seq, p.purl(), p.version(), p.source(), Sql.json(p));
    }
    for (Client cl : inv.clients()) {
      Sql.update(c, "INSERT INTO scan_clients(scan_seq, client_id, body) VALUES (?,?,?)",
          seq, cl.id(), Sql.json(cl));
    }
    for (Finding f : inv.findings()) {
      Sql.update(c, "INSERT OR IGNORE INTO scan_findings(scan_seq, finding_id) VALUES (?,?)",
          seq, f.id());
    }
  }

  private void prune(long seq) {
    Sql.update(c, "DELETE FROM scans WHERE seq <= ?", seq - KEEP_SCANS);
  }
}
