package dev.daylight.collector.ingest;

import dev.daylight.collector.store.Statements;
import dev.daylight.protocol.Host;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Host facts refresh on every enrollment and snapshot; an owner an admin set is kept. */
final class HostFacts {
  private HostFacts() {}

  static void update(Connection c, String nodeId, Host h) throws SQLException {
    PreparedStatement ps =
        Statements.prepare(
            c,
            "UPDATE nodes SET hostname = COALESCE(?, hostname), os = COALESCE(?, os),"
                + " os_version = COALESCE(?, os_version), arch = COALESCE(?, arch),"
                + " os_user = COALESCE(?, os_user), serial = COALESCE(?, serial),"
                + " owner = CASE WHEN owner_pinned = 1 THEN owner ELSE COALESCE(?, owner) END"
                + " WHERE node_id = ?");
    ps.setString(1, h.hostname());
    ps.setString(2, h.os());
    ps.setString(3, h.osVersion());
    ps.setString(4, h.arch());
    ps.setString(5, h.user());
    ps.setString(6, h.serial());
    ps.setString(7, h.user());
    ps.setString(8, nodeId);
    ps.executeUpdate();
  }
}
