package dev.daylight.collector.ingest;

import dev.daylight.protocol.Host;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Who may take a device's node, in one write transaction. A new device id (or none) gets a new
 * node. A known device id gets a fresh key only with proof: the node's current key, or an
 * administrator's approval that has not expired. Anyone else is refused and counted on the node, so
 * the admin view shows the duplicate; the node, its key and its data stay as they were.
 */
final class EnrollmentRules {
  /** What one enrollment did. */
  record Outcome(String nodeId, Kind kind) {}

  enum Kind {
    NEW,
    KEY_PROOF,
    ADMIN_APPROVED,
    REFUSED
  }

  private EnrollmentRules() {}

  static Outcome enroll(Connection c, Host host, String newHash, String proofHash, long now)
      throws SQLException {
    String nodeId = null;
    String currentHash = null;
    Long until = null;
    if (host.deviceId() != null && !host.deviceId().isBlank()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT node_id, key_hash, reenroll_until FROM nodes WHERE device_id = ?")) {
        ps.setString(1, host.deviceId());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            nodeId = rs.getString(1);
            currentHash = rs.getString(2);
            long u = rs.getLong(3);
            until = rs.wasNull() ? null : u;
          }
        }
      }
    }
    if (nodeId == null) {
      nodeId = UUID.randomUUID().toString();
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO nodes (node_id, key_hash, device_id, enrolled_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, nodeId);
        ps.setString(2, newHash);
        ps.setString(3, host.deviceId());
        ps.setLong(4, now);
        ps.executeUpdate();
      }
      HostFacts.update(c, nodeId, host);
      event(c, nodeId, now, "enrolled", host.hostname(), null);
      return new Outcome(nodeId, Kind.NEW);
    }
    boolean proof = proofHash != null && Secrets.same(proofHash, currentHash);
    boolean approved = !proof && until != null && until >= now;
    if (!proof && !approved) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE nodes SET duplicate_enrollments = duplicate_enrollments + 1,"
                  + " last_duplicate_at = ?, last_duplicate_host = ? WHERE node_id = ?")) {
        ps.setLong(1, now);
        ps.setString(2, HostFacts.cap(host.hostname()));
        ps.setString(3, nodeId);
        ps.executeUpdate();
      }
      return new Outcome(nodeId, Kind.REFUSED);
    }
    // Only if the key (and for an approval, its window) is still what was read: collectors sharing
    // one PostgreSQL enroll concurrently, and of two enrollers with one proof or one approval only
    // the first may get a key. The second's update waits for the first's row lock, then matches
    // nothing.
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE nodes SET key_hash = ?, reenroll_until = NULL WHERE node_id = ? AND key_hash = ?"
                + (proof ? "" : " AND reenroll_until >= ?"))) {
      ps.setString(1, newHash);
      ps.setString(2, nodeId);
      ps.setString(3, currentHash);
      if (!proof) {
        ps.setLong(4, now);
      }
      if (ps.executeUpdate() == 0) {
        return new Outcome(nodeId, Kind.REFUSED);
      }
    }
    retire(
        c,
        currentHash,
        nodeId,
        now,
        proof
            ? "the agent enrolled again with this key and holds a new one"
            : "the device re-enrolled after an administrator allowed it");
    HostFacts.update(c, nodeId, host);
    event(
        c,
        nodeId,
        now,
        proof ? "re-enrolled with key proof" : "re-enrolled with administrator approval",
        host.hostname(),
        null);
    return new Outcome(nodeId, proof ? Kind.KEY_PROOF : Kind.ADMIN_APPROVED);
  }

  /**
   * An administrator allows the device one re-enrollment until {@code until}; with {@code revoke}
   * its current key stops working now (a key thought stolen). Returns the retired hash, or null.
   */
  static String allow(Connection c, String nodeId, long until, boolean revoke, String by, long now)
      throws SQLException {
    String currentHash;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT key_hash FROM nodes WHERE node_id = ?")) {
      ps.setString(1, nodeId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw dev.daylight.collector.ApiException.notFound();
        }
        currentHash = rs.getString(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            revoke
                ? "UPDATE nodes SET reenroll_until = ?, key_hash = ? WHERE node_id = ?"
                : "UPDATE nodes SET reenroll_until = ? WHERE node_id = ?")) {
      ps.setLong(1, until);
      if (revoke) {
        // key_hash is NOT NULL UNIQUE: a value no key hashes to (hashes are hex) stands for "none".
        ps.setString(2, "revoked:" + UUID.randomUUID());
        ps.setString(3, nodeId);
      } else {
        ps.setString(2, nodeId);
      }
      ps.executeUpdate();
    }
    if (revoke && !currentHash.startsWith("revoked:")) {
      retire(
          c,
          currentHash,
          nodeId,
          now,
          "revoked by an administrator; enroll again to get a new key");
    }
    event(
        c,
        nodeId,
        now,
        revoke ? "key revoked, re-enrollment allowed" : "re-enrollment allowed",
        null,
        by);
    return revoke ? currentHash : null;
  }

  private static void retire(Connection c, String hash, String nodeId, long now, String reason)
      throws SQLException {
    if (hash == null || hash.startsWith("revoked:")) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO retired_keys (key_hash, node_id, retired_at, reason) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (key_hash) DO NOTHING")) {
      ps.setString(1, hash);
      ps.setString(2, nodeId);
      ps.setLong(3, now);
      ps.setString(4, reason);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE revisions SET value = value + 1 WHERE name = 'keys'")) {
      ps.executeUpdate();
    }
  }

  private static void event(
      Connection c, String nodeId, long now, String kind, String hostname, String by)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO enrollment_events (node_id, at, kind, hostname, by_whom) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, nodeId);
      ps.setLong(2, now);
      ps.setString(3, kind);
      ps.setString(4, HostFacts.cap(hostname));
      ps.setString(5, HostFacts.cap(by));
      ps.executeUpdate();
    }
  }
}
