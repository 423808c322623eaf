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
  // Entries expire: another collector process on the same database may re-enroll the node, and
  // only the database tells this one that the old key stopped working.
  private final ConcurrentHashMap<String, Cached> byKeyHash = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> hashByNode = new ConcurrentHashMap<>();
  // Bumped by every enrollment: a lookup that read the database before an enrollment committed
  // must not cache the key that enrollment just retired.
  private final java.util.concurrent.atomic.AtomicLong enrollments = new java.util.concurrent.atomic.AtomicLong();

  private final long ttlNanos;

  private record Cached(String nodeId, long until) {}

  /** How long a key is trusted without asking the database again. */
  public static final Duration KEY_CACHE_TTL = Duration.ofSeconds(30);

  public Enrollment(Database db, WriteQueue writes, String enrollSecret) {
    this(db, writes, enrollSecret, KEY_CACHE_TTL);
  }

  Enrollment(Database db, WriteQueue writes, String enrollSecret, Duration keyCacheTtl) {
    this.db = db;
    this.writes = writes;
    this.enrollSecret = enrollSecret;
    this.ttlNanos = keyCacheTtl.toNanos();
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
      enrollments.incrementAndGet();
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
    String hash = Secrets.sha256(key);
    Cached cached = byKeyHash.get(hash);
    if (cached != null && System.nanoTime() - cached.until() < 0) {
      return Optional.of(cached.nodeId());
    }
    long generation = enrollments.get();
    try (Connection c = db.read();
        PreparedStatement ps = c.prepareStatement("SELECT node_id FROM nodes WHERE key_hash = ?")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          byKeyHash.remove(hash);
          return Optional.empty();
        }
        String nodeId = rs.getString(1);
        synchronized (this) {
          if (enrollments.get() == generation) {
            byKeyHash.put(hash, new Cached(nodeId, System.nanoTime() + ttlNanos));
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
}
