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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enroll secret in, node id and node key out (osquery's TLS enrollment). A device that enrolls
 * again with its current key, or after an administrator allowed it, keeps its node id and gets a
 * fresh key; the old key stops working and its holder is told why. The device id alone is not
 * enough: it is shown in the admin view and in exports.
 */
public final class Enrollment {
  /** What an enrolled agent holds. */
  public record Enrolled(String nodeId, String nodeKey, String how) {
    /** The key never reaches a log line or a stack trace. */
    @Override
    public String toString() {
      return "Enrolled[nodeId=" + nodeId + ", nodeKey=<redacted>, how=" + how + "]";
    }
  }

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
    return enroll(secret, host, null, now);
  }

  /**
   * @param proof the node key the enroller already holds, or null: a known device id gets a new key
   *     only with its current key or an administrator's approval ({@link EnrollmentRules})
   */
  public Enrolled enroll(String secret, Host host, String proof, long now) throws SQLException {
    if (!Secrets.same(secret, enrollSecret)) {
      throw ApiException.unauthorized();
    }
    if (host == null) {
      throw ApiException.badRequest("host is required");
    }
    if (host.deviceId() != null && host.deviceId().length() > HostFacts.CAP) {
      // The device id finds the device again: cut short, two devices could become one.
      throw ApiException.badRequest(
          "host.deviceId must be at most " + HostFacts.CAP + " characters");
    }
    String key = Secrets.newKey();
    String hash = Secrets.sha256(key);
    String proofHash = proof == null || proof.isEmpty() ? null : Secrets.sha256(proof);
    EnrollmentRules.Outcome done =
        writes.submit("enroll", c -> EnrollmentRules.enroll(c, host, hash, proofHash, now));
    if (done.kind() == EnrollmentRules.Kind.REFUSED) {
      throw new ApiException(
          409,
          "this device is already enrolled: enrolling it again needs its current node key"
              + " or an administrator's approval");
    }
    forget(done.nodeId());
    return new Enrolled(done.nodeId(), key, done.kind().name().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * An administrator allows one re-enrollment of {@code nodeId} within {@code window}; {@code
   * revoke} ends its key now.
   */
  public void allowReenrollment(String nodeId, Duration window, boolean revoke, String by, long now)
      throws SQLException {
    writes.submit(
        "enroll", c -> EnrollmentRules.allow(c, nodeId, now + window.toMillis(), revoke, by, now));
    forget(nodeId);
  }

  /** Why a key that no longer works stopped, and whether enrolling again would be accepted now. */
  public Optional<Retired> retired(String key, long now) throws SQLException {
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    try (Connection c = db.read();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT r.reason, n.reenroll_until FROM retired_keys r"
                    + " JOIN nodes n ON n.node_id = r.node_id WHERE r.key_hash = ?")) {
      ps.setString(1, Secrets.sha256(key));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long until = rs.getLong(2);
        return Optional.of(new Retired(rs.getString(1), !rs.wasNull() && until >= now));
      }
    }
  }

  /** Why a key stopped working, as its agent is told. */
  public record Retired(String reason, boolean reenrollAllowed) {}

  private synchronized void forget(String nodeId) {
    generation.incrementAndGet();
    String old = hashByNode.remove(nodeId);
    if (old != null) {
      byKeyHash.remove(old);
    }
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

  /**
   * Once per interval, one request thread reads the shared revision; a change empties the cache.
   */
  private void checkRevision() throws SQLException {
    long now = System.nanoTime();
    long due = nextCheck.get();
    if (now - due < 0 || !nextCheck.compareAndSet(due, now + checkEveryNanos)) {
      return;
    }
    long current;
    try (Connection c = db.read();
        PreparedStatement ps =
            c.prepareStatement("SELECT value FROM revisions WHERE name = 'keys'");
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
