package dev.daylight.collector.ingest;

import dev.daylight.collector.store.Statements;
import dev.daylight.protocol.Host;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Host facts refresh on every enrollment and snapshot; an owner an admin set is kept. Each is cut
 * to {@link #CAP} characters: they are labels an agent reports about itself, and a hostile one
 * could otherwise make every device list carry megabytes.
 */
final class HostFacts {
  static final int CAP = 256;

  private HostFacts() {}

  static String cap(String s) {
    return s == null || s.length() <= CAP ? s : s.substring(0, CAP);
  }

  static void update(Connection c, String nodeId, Host h) throws SQLException {
    PreparedStatement ps =
        Statements.prepare(
            c,
            "UPDATE nodes SET hostname = COALESCE(?, hostname), os = COALESCE(?, os),"
                + " os_version = COALESCE(?, os_version), arch = COALESCE(?, arch),"
                + " os_user = COALESCE(?, os_user), serial = COALESCE(?, serial),"
                + " owner = CASE WHEN owner_pinned = 1 THEN owner ELSE COALESCE(?, owner) END"
                + " WHERE node_id = ?");
    ps.setString(1, cap(h.hostname()));
    ps.setString(2, cap(h.os()));
    ps.setString(3, cap(h.osVersion()));
    ps.setString(4, cap(h.arch()));
    ps.setString(5, cap(h.user()));
    ps.setString(6, cap(h.serial()));
    ps.setString(7, cap(h.user()));
    ps.setString(8, nodeId);
    ps.executeUpdate();
  }
}
