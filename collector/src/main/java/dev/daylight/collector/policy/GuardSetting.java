package dev.daylight.collector.policy;

import dev.daylight.collector.ApiException;
import dev.daylight.protocol.GuardPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The fleet's one guard setting, kept in {@code guard_setting} and sent with the policy. */
final class GuardSetting {
  private GuardSetting() {}

  static Optional<GuardPolicy> read(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT mode, install_hooks FROM guard_setting WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? Optional.of(new GuardPolicy(rs.getString(1), rs.getInt(2) != 0))
          : Optional.empty();
    }
  }

  static PolicyViews.Guard describe(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT mode, install_hooks, set_by, set_at FROM guard_setting WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? new PolicyViews.Guard(
              rs.getString(1),
              rs.getInt(2) != 0,
              rs.getString(3),
              Instant.ofEpochMilli(rs.getLong(4)))
          // Each machine keeps its own (audit unless set there).
          : new PolicyViews.Guard(null, null, null, null);
    }
  }

  /**
   * The setting an edit asks for, empty when it withdraws the fleet's; a 400 for a bad edit, before
   * anything reaches the writer.
   */
  static Optional<GuardPolicy> validate(PolicyService.GuardEdit e) {
    if (e == null) {
      throw ApiException.badRequest("empty body");
    }
    ApiException.requireBy(e.by(), "sets the guard mode");
    if (e.mode() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new GuardPolicy(e.mode(), Boolean.TRUE.equals(e.installHooks())));
    } catch (IllegalArgumentException ex) {
      throw ApiException.badRequest(ex.getMessage());
    }
  }

  static void write(Connection c, Optional<GuardPolicy> setting, String by, long now)
      throws SQLException {
    if (setting.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM guard_setting WHERE id = 1")) {
        ps.executeUpdate();
      }
      return;
    }
    GuardPolicy g = setting.get();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO guard_setting (id, mode, install_hooks, set_by, set_at) VALUES (1,?,?,?,?)"
                + " ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, install_hooks = excluded.install_hooks,"
                + " set_by = excluded.set_by, set_at = excluded.set_at")) {
      ps.setString(1, g.mode());
      ps.setInt(2, g.installHooks() ? 1 : 0);
      ps.setString(3, by);
      ps.setLong(4, now);
      ps.executeUpdate();
    }
  }
}
