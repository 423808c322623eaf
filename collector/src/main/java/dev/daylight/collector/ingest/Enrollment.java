package dev.daylight.collector.ingest;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.WriteQueue;
import dev.daylight.protocol.Host;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enroll secret in, node id and node key out (osquery's TLS enrollment). A device that enrolls
 * again keeps its node id and gets a fresh key; the old key stops working.
 */
public final class Enrollment {
  /** What an enrolled agent holds. */
  public record Enrolled(String nodeId, String nodeKey) {}

  private final Database db;
  private final WriteQueue writes;
  private final String enrollSecret;
  // Key hash to node id; entries are dropped when a node re-enrolls, so a stale key cannot linger.
  // The reverse map finds a node's cached key in O(1): scanning the cache on every enrollment made
  // enrolling a fleet quadratic.
  private final ConcurrentHashMap<String, String> byKeyHash = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> hashByNode = new ConcurrentHashMap<>();
  // Bumped by every enrollment and cache flush: a lookup that read the database before one must
  // not cache what it read.
  private final AtomicLong generation = new AtomicLong();
  // Another collector process on the same database may re-enroll a node; it bumps the 'keys'
  // revision in the same transaction. This one reads that counter at most once per interval and
  // forgets every cached key when it moved: one cheap query a second instead of re-checking each
  // key, and a retired key stops working everywhere within about a second.
  private final long checkEveryNanos;
  private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());
  private volatile long keysRevision = Long.MIN_VALUE;

  /** How often the shared key revision is read. */
  public static final Duration KEY_REVISION_CHECK = Duration.ofSeconds(1);

  public Enrollment(Database db, WriteQueue writes, String enrollSecret) {
    this(db, writes, enrollSecret, KEY_REVISION_CHECK);
  }

  Enrollment(Database db, WriteQueue writes, String enrollSecret, Duration revisionCheck) {
    this.db = db;
    this.writes = writes;
    this.enrollSecret = enrollSecret;
    this.checkEveryNanos = revisionCheck.toNanos();
  }

  public Enrolled enroll(String secret, Host host, long now) throws SQLException {
    if (!Secrets.same(secret, enrollSecret)) {
      throw ApiException.unauthorized();
    }
    if (host == null) {
      throw ApiException.badRequest("host is required");
    }
    String key = Secrets.newKey();
    String hash = Secrets.sha256(key);
    String nodeId = writes.submit("enroll", c -> upsert(c, host, hash, now));
    synchronized (this) {
      generation.incrementAndGet();
      String old = hashByNode.remove(nodeId);
      if (old != null) {
        byKeyHash.remove(old);
      }
    }
    return new Enrolled(nodeId, key);
  }

  private static String upsert(Connection c, Host host, String hash, long now) throws SQLException {
    String existing = null;
    if (host.deviceId() != null && !host.deviceId().isBlank()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT node_id FROM nodes WHERE device_id = ?")) {
        ps.setString(1, host.deviceId());
        try (ResultSet rs = ps.executeQuery()) {
          existing = rs.next() ? rs.getString(1) : null;
        }
      }
    }
    if (existing != null) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE nodes SET key_hash = ? WHERE node_id = ?")) {
        ps.setString(1, hash);
        ps.setString(2, existing);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE revisions SET value = value + 1 WHERE name = 'keys'")) {
        ps.executeUpdate();
      }
      HostFacts.update(c, existing, host);
      return existing;
    }
    String nodeId = UUID.randomUUID().toString();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO nodes (node_id, key_hash, device_id, enrolled_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, nodeId);
      ps.setString(2, hash);
      ps.setString(3, host.deviceId());
      ps.setLong(4, now);
      ps.executeUpdate();
    }
    HostFacts.update(c, nodeId, host);
    return nodeId;
  }

  /** The node a bearer key belongs to, if any. */
  public Optional<String> nodeFor(String key) throws SQLException {
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    checkRevision();
    String hash = Secrets.sha256(key);
    String cached = byKeyHash.get(hash);
    if (cached != null) {
      return Optional.of(cached);
    }
    long seen = generation.get();
    try (Connection c = db.read();
        PreparedStatement ps = c.prepareStatement("SELECT node_id FROM nodes WHERE key_hash = ?")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String nodeId = rs.getString(1);
        synchronized (this) {
          if (generation.get() == seen) {
            byKeyHash.put(hash, nodeId);
            String previous = hashByNode.put(nodeId, hash);
            if (previous != null && !previous.equals(hash)) {
              byKeyHash.remove(previous);
            }
          }
        }
        return Optional.of(nodeId);
      }
    }
  }

  /** Once per interval, one request thread reads the shared revision; a change empties the cache. */
  private void checkRevision() throws SQLException {
    long now = System.nanoTime();
    long due = nextCheck.get();
    if (now - due < 0 || !nextCheck.compareAndSet(due, now + checkEveryNanos)) {
      return;
    }
    long current;
    try (Connection c = db.read();
        PreparedStatement ps = c.prepareStatement("SELECT value FROM revisions WHERE name = 'keys'");
        ResultSet rs = ps.executeQuery()) {
      current = rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      nextCheck.set(now); // the next request tries again
      throw e;
    }
    if (current != keysRevision) {
      synchronized (this) {
        generation.incrementAndGet();
        byKeyHash.clear();
        hashByNode.clear();
        keysRevision = current;
      }
    }
  }
}
