package dev.daylight.collector.fleet;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.store.WriteQueue;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Who owns a device, as the security team knows it. Agents report the logged-in account, which on a
 * shared or service machine is not the person to call; an owner set here is pinned, so later
 * enrollments and snapshots keep it, until it is cleared and the reported account counts again.
 */
public final class Owners {
  /** {@code owner} null or blank clears the assignment; {@code by} is who made it, for the log. */
  public record Assignment(String owner, String by) {}

  private static final int MAX = 200;
  private final WriteQueue writes;

  public Owners(WriteQueue writes) {
    this.writes = writes;
  }

  public void assign(String nodeId, Assignment a) throws SQLException {
    if (a == null) {
      throw ApiException.badRequest("empty body");
    }
    ApiException.requireBy(a.by(), "assigns the owner");
    String owner = a.owner() == null || a.owner().isBlank() ? null : a.owner().strip();
    if (owner != null
        && (owner.length() > MAX || owner.chars().anyMatch(Character::isISOControl))) {
      throw ApiException.badRequest("owner must be at most " + MAX + " printable characters");
    }
    int changed =
        writes.submit(
            nodeId,
            c -> {
              // Clearing goes back to the account the agent last reported.
              try (PreparedStatement ps =
                  c.prepareStatement(
                      owner == null
                          ? "UPDATE nodes SET owner = os_user, owner_pinned = 0 WHERE node_id = ?"
                          : "UPDATE nodes SET owner = ?, owner_pinned = 1 WHERE node_id = ?")) {
                int i = 1;
                if (owner != null) {
                  ps.setString(i++, owner);
                }
                ps.setString(i, nodeId);
                return ps.executeUpdate();
              }
            });
    if (changed == 0) {
      throw ApiException.notFound();
    }
  }
}
