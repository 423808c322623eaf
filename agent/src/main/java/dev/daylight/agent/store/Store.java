package dev.daylight.agent.store;

import dev.daylight.agent.change.Trust;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.PolicyEntry;
import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.UsageDay;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The agent's local history in one SQLite file. One instance per process; its methods are
 * thread-safe. Other processes (the tray app, a CLI command beside the daemon) open their own
 * instance on the same file: WAL and a busy timeout let them share it.
 */
public final class Store implements AutoCloseable {
  /** The database file inside a state folder. */
  public static final String FILE = Db.FILE_NAME;

  private final Connection c;
  private final Clock clock;
  private final Path file;

  private Store(Connection c, Clock clock, Path file) {
    this.c = c;
    this.clock = clock;
    this.file = file;
  }

  /** Opens (creating and migrating when needed) the store in {@code stateDir}. */
  public static Store open(Path stateDir) {
    return open(stateDir, Clock.systemUTC());
  }

  static Store open(Path stateDir, Clock clock) {
    return new Store(Db.open(stateDir), clock, stateDir.resolve(Db.FILE_NAME));
  }

  /** The SQLite file, for diagnostics. */
  public Path file() {
    return file;
  }

  /**
   * Stores a scan: snapshot, change events, trust and finding lifecycle, outbox; all or nothing.
   */
  public synchronized Recorded record(Inventory scan) {
    return record(scan, null);
  }

  /**
   * As {@link #record(Inventory)}; the report queued for the collector also carries the usage
   * ledger's per-day counts ({@code usageDays}, null for none).
   */
  public synchronized Recorded record(Inventory scan, List<UsageDay> usageDays) {
    return tx(conn -> new Recorder(conn, now()).record(scan, usageDays));
  }

  public synchronized Optional<Inventory> latest() {
    return Reads.latest(c);
  }

  public synchronized Optional<StoreStatus.ScanSummary> lastScan() {
    return Reads.lastScan(c);
  }

  /** Change events in the order they happened, from {@code since} on (all when empty). */
  public synchronized List<ChangeEvent> events(Optional<Instant> since) {
    return Events.since(c, since);
  }

  public synchronized List<StoredFinding> findings(boolean openOnly) {
    return Reads.findings(c, openOnly);
  }

  public synchronized List<ServerView> servers() {
    return Reads.servers(c);
  }

  /** The clients the latest scan found. */
  public synchronized List<Client> clients() {
    return latest().map(Inventory::clients).orElse(List.of());
  }

  public synchronized StoreStatus status() {
    return new StoreStatus(
        lastScan(),
        Reads.openBySeverity(c),
        Reads.activeServers(c),
        new Outbox(c).depth(),
        Meta.counter(c));
  }

  /**
   * A number that grows whenever anything in the store changes (scan, review, acknowledgement,
   * delivery): a reader polls it and reloads only when it moved.
   */
  public synchronized long changeCounter() {
    return Meta.counter(c);
  }

  /**
   * A person acknowledges a finding: it stays listed, no longer open. Only low, medium and info
   * findings can be ({@link Acknowledgement#allowedFor}); the note says why.
   */
  public synchronized Acknowledgement acknowledge(String findingId, String note) {
    return tx(
        conn -> {
          Optional<Severity> severity =
              Sql.one(
                  conn,
                  "SELECT severity FROM findings WHERE finding_id = ?" + " AND status = 'open'",
                  rs -> Severity.parse(rs.getString(1)),
                  findingId);
          if (severity.isEmpty()) {
            return Acknowledgement.NOT_OPEN;
          }
          if (!Acknowledgement.allowedFor(severity.get())) {
            return Acknowledgement.NEEDS_FIX_OR_REVIEW;
          }
          Sql.update(
              conn,
              "UPDATE findings SET status = 'acknowledged', acknowledged_at = ?,"
                  + " note = ? WHERE finding_id = ? AND status = 'open'",
              now(),
              note,
              findingId);
          Meta.bump(conn);
          return Acknowledgement.ACKNOWLEDGED;
        });
  }

  /** True when any scan or review has met this package (a purl, its version ignored). */
  public synchronized boolean knowsPackage(String purl) {
    String base = Purls.base(purl);
    return Sql.one(
            c,
            "SELECT 1 FROM reviews WHERE purl = ? UNION ALL SELECT 1 FROM findings"
                + " WHERE purl = ? OR substr(purl, 1, ?) = ? LIMIT 1",
            rs -> true,
            base,
            base,
            base.length() + 1,
            base + "@")
        .orElse(false);
  }

  /**
   * The known-malicious findings this store ever raised for {@code purl@version}, resolved ones
   * too.
   */
  public synchronized List<Finding> maliciousFindings(String purl, String version) {
    String exact = Purls.base(purl) + "@" + version;
    return Sql.list(
        c,
        "SELECT body FROM findings WHERE rule = 'malicious-package' AND purl = ?",
        rs -> Sql.read(rs.getString(1), Finding.class),
        exact);
  }

  /**
   * A person's decision on {@code purl@version}: approving closes its version-changed finding and
   * makes it the baseline; denying raises a denied finding while it is configured.
   */
  public synchronized List<ChangeEvent> review(
      String purl, String version, ReviewState decision, String by) {
    return review(purl, version, decision, by, null);
  }

  /** As {@link #review(String, String, ReviewState, String)}, with the reviewer's reason kept. */
  public synchronized List<ChangeEvent> review(
      String purl, String version, ReviewState decision, String by, String reason) {
    if (decision != ReviewState.APPROVED && decision != ReviewState.DENIED) {
      throw new IllegalArgumentException("a review approves or denies, not " + decision.wire());
    }
    String base = Purls.base(purl);
    return tx(
        conn -> {
          Instant now = now();
          Reviews reviews = new Reviews(conn);
          String before =
              reviews
                  .decide(base, version, decision, by, reason, now)
                  .map(ReviewState::wire)
                  .orElse("unseen");
          List<ChangeEvent> events = new ArrayList<>();
          events.add(Events.reviewChanged(base, version, before, decision.wire(), reason, now));
          List<Finding> raised =
              Reads.latest(conn)
                  .map(inv -> Trust.assess(inv.servers(), reviews).findings())
                  .orElse(List.of());
          FindingBook book = new FindingBook(conn, now);
          if (decision == ReviewState.APPROVED) {
            // The release review of an approved version is done: its findings close with it.
            for (String id :
                Sql.list(
                    conn,
                    "SELECT finding_id FROM findings WHERE status = 'open' AND purl = ?"
                        + " AND rule LIKE 'release-%'",
                    rs -> rs.getString(1),
                    base + "@" + version)) {
              Finding f = book.body(id);
              book.resolve(id);
              events.add(Events.findingResolved(f, null, now));
            }
          }
          for (String id :
              List.of(Trust.versionChangedId(base, version), Trust.deniedId(base, version))) {
            Optional<Finding> now1 = raised.stream().filter(f -> f.id().equals(id)).findFirst();
            if (now1.isPresent() && !book.isOpen(id)) {
              book.upsert(now1.get(), "open");
              events.add(Events.findingOpened(now1.get(), null, now));
            } else if (now1.isEmpty() && book.isOpen(id)) {
              Finding f = book.body(id);
              book.resolve(id);
              events.add(Events.findingResolved(f, null, now));
            }
          }
          Events.insert(conn, events);
          new Outbox(conn).enqueueDelta(events, now);
          Meta.bump(conn);
          return events;
        });
  }

  /**
   * Events that come from outside a scan (the guard hook's refused calls): kept in the history and
   * sent to the collector with the latest inventory, in one transaction.
   */
  public synchronized void appendEvents(List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    tx(
        conn -> {
          Events.insert(conn, events);
          new Outbox(conn).enqueueDelta(events, now());
          Meta.bump(conn);
          return null;
        });
  }

  /**
   * A person approves a whole server ({@code server:NAME}) or a capability class ({@code class:ID})
   * on this machine; the caller checks the subject. Recorded as a review-changed event.
   */
  public synchronized List<ChangeEvent> approveSubject(String subject, String by, String reason) {
    return tx(
        conn -> {
          Instant now = now();
          boolean before =
              Sql.one(conn, "SELECT 1 FROM approvals WHERE subject = ?", rs -> true, subject)
                  .orElse(false);
          Sql.update(
              conn,
              "INSERT INTO approvals(subject, decided_by, reason, decided_at) VALUES (?,?,?,?)"
                  + " ON CONFLICT(subject) DO UPDATE SET decided_by = excluded.decided_by, reason = excluded.reason,"
                  + " decided_at = excluded.decided_at",
              subject,
              by,
              reason,
              now);
          String was = before ? "approved" : "unreviewed";
          List<ChangeEvent> events =
              List.of(
                  Events.event(
                      dev.daylight.protocol.ChangeType.REVIEW_CHANGED,
                      now,
                      null,
                      null,
                      subject,
                      null,
                      subject
                          + " "
                          + was
                          + " -> approved"
                          + (reason == null ? "" : " (" + reason + ")"),
                      java.util.Map.of("state", was),
                      java.util.Map.of("state", "approved")));
          Events.insert(conn, events);
          new Outbox(conn).enqueueDelta(events, now);
          Meta.bump(conn);
          return events;
        });
  }

  /**
   * Every package version's local review state, keyed {@code purl@version} (base purl): one read
   * per scan.
   */
  public synchronized java.util.Map<String, ReviewState> reviewStates() {
    java.util.Map<String, ReviewState> out = new java.util.HashMap<>();
    Sql.list(
        c,
        "SELECT purl, version, state FROM reviews",
        rs -> out.put(rs.getString(1) + "@" + rs.getString(2), ReviewState.parse(rs.getString(3))));
    return out;
  }

  /** The subjects ({@code server:NAME}, {@code class:ID}) a person approved on this machine. */
  public synchronized Set<String> approvedSubjects() {
    return Set.copyOf(Sql.list(c, "SELECT subject FROM approvals", rs -> rs.getString(1)));
  }

  /**
   * Resolves the open findings among {@code findingIds} now, not at the next scan (an approval made
   * them moot): their resolved events are kept and sent like a scan's.
   */
  public synchronized List<ChangeEvent> resolveFindings(List<String> findingIds) {
    if (findingIds.isEmpty()) {
      return List.of();
    }
    return tx(
        conn -> {
          Instant now = now();
          FindingBook book = new FindingBook(conn, now);
          List<ChangeEvent> events = new ArrayList<>();
          for (String id : findingIds) {
            if (book.isOpen(id)) {
              Finding f = book.body(id);
              book.resolve(id);
              events.add(Events.findingResolved(f, null, now));
            }
          }
          if (!events.isEmpty()) {
            Events.insert(conn, events);
            new Outbox(conn).enqueueDelta(events, now);
            Meta.bump(conn);
          }
          return events;
        });
  }

  public synchronized Optional<ReviewState> reviewState(String purl, String version) {
    return new Reviews(c).local(Purls.base(purl), version);
  }

  /**
   * A package version's fingerprint as the release review stores it.
   *
   * @param purl the base purl (no version)
   * @param body the fingerprint's JSON
   */
  public record FingerprintRow(
      String purl,
      String version,
      String source,
      String installPath,
      String manifestSha256,
      int indicators,
      String body,
      String capabilities,
      String capabilitiesWhy) {}

  /** A stored version's capabilities: a JSON array, or null and why. */
  public record StoredCapabilities(String json, String why) {}

  /** {@code purl@version} (base purl) to the capabilities stored with its fingerprint. */
  public synchronized java.util.Map<String, StoredCapabilities> capabilities() {
    return new Fingerprints(c).capabilities();
  }

  /** {@code purl@version} (base purl) of every stored fingerprint. */
  public synchronized Set<String> fingerprintKeys() {
    return new Fingerprints(c).keys();
  }

  public synchronized Optional<String> fingerprint(String purl, String version) {
    return new Fingerprints(c).body(Purls.base(purl), version);
  }

  /** Stores fingerprints not stored yet; one already stored for the same version is kept. */
  public synchronized void putFingerprints(List<FingerprintRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    tx(
        conn -> {
          new Fingerprints(conn).insert(rows, now());
          return null;
        });
  }

  /**
   * The trust state a scan would give {@code purl@version} now (fleet decision, local review,
   * baseline), without recording anything.
   */
  public synchronized ReviewState trustState(String purl, String version) {
    return Trust.stateOf(new Trust.PackageVersion(Purls.base(purl), version), new Reviews(c));
  }

  /** The version trust compares against: the last approved one, else the first one seen. */
  public synchronized Optional<String> trustBaseline(String purl) {
    return new Reviews(c).baseline(Purls.base(purl));
  }

  /** Replaces the fleet policy with what the collector sent; applied from the next scan on. */
  public synchronized void replacePolicy(List<PolicyEntry> entries) {
    tx(
        conn -> {
          Sql.update(conn, "DELETE FROM policy");
          for (PolicyEntry e : entries) {
            Sql.update(
                conn,
                "INSERT OR REPLACE INTO policy(subject, version, decision, decided_by,"
                    + " reason, decided_at) VALUES (?,?,?,?,?,?)",
                e.subject().startsWith("pkg:") ? Purls.base(e.subject()) : e.subject(),
                e.version() == null ? "" : e.version(),
                e.decision().wire(),
                e.by(),
                e.reason(),
                e.at());
          }
          Meta.bump(conn);
          return null;
        });
  }

  public synchronized List<PolicyEntry> policy() {
    return Reads.policy(c);
  }

  /** Up to {@code max} undelivered reports, oldest first. */
  public synchronized List<OutboxItem> pendingReports(int max) {
    return new Outbox(c).pending(max);
  }

  /** Idempotent: marking an already delivered report again changes nothing. */
  public synchronized void markDelivered(String reportId) {
    tx(
        conn -> {
          Outbox outbox = new Outbox(conn);
          if (outbox.markDelivered(reportId, now())) {
            outbox.prune(now());
            Meta.bump(conn);
          }
          return null;
        });
  }

  public synchronized void markFailed(String reportId, String error) {
    tx(
        conn -> {
          new Outbox(conn).markFailed(reportId, error);
          return null;
        });
  }

  public synchronized int outboxDepth() {
    return new Outbox(c).depth();
  }

  /** The next stored scan is reported as a full snapshot. */
  public synchronized void requestSnapshot() {
    tx(
        conn -> {
          new Outbox(conn).requestSnapshot();
          return null;
        });
  }

  /**
   * A small setting kept with the store (the reporter's policy etag, intel cursor...). No secrets.
   */
  public synchronized Optional<String> setting(String key) {
    return Meta.get(c, "setting." + key);
  }

  public synchronized void putSetting(String key, String value) {
    tx(
        conn -> {
          Meta.put(conn, "setting." + key, value);
          return null;
        });
  }

  /** {@code PRAGMA integrity_check}: "ok" when the file is sound. */
  public synchronized String integrityCheck() {
    return Sql.one(c, "PRAGMA integrity_check", rs -> rs.getString(1)).orElse("no answer");
  }

  /** Where the usage ledger left off in each record file it read before, by identity. */
  public synchronized java.util.Map<String, UsageFile> usageFiles() {
    return UsageRows.files(c);
  }

  /** Saves the files' read positions and their new calls, all in one transaction. */
  public synchronized void saveUsage(List<UsageSave> saves) {
    if (saves.isEmpty()) {
      return;
    }
    tx(
        conn -> {
          String at = Sql.text(now());
          for (UsageSave s : saves) {
            UsageRows.save(conn, s.file(), s.buckets(), s.replace(), at);
          }
          return null;
        });
  }

  /** The ledger's calls per minute from {@code since} on. */
  public synchronized List<UsageBucket> usageSince(Instant since) {
    return UsageRows.since(c, Math.floorDiv(since.toEpochMilli(), 60_000L));
  }

  @Override
  public synchronized void close() {
    try {
      c.close();
    } catch (SQLException e) {
      throw new StoreException("close failed", e);
    }
  }

  private Instant now() {
    return clock.instant();
  }

  private <T> T tx(Function<Connection, T> work) {
    try {
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("transaction failed", e);
    }
  }
}
