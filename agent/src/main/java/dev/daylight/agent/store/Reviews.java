package dev.daylight.agent.store;

import dev.daylight.agent.change.Trust;
import dev.daylight.protocol.ReviewState;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Review state per package version and the fleet policy, as the trust lifecycle reads them. */
final class Reviews implements Trust.Ledger {
  private final Connection c;

  Reviews(Connection c) {
    this.c = c;
  }

  @Override
  public Optional<ReviewState> local(String purl, String version) {
    return Sql.one(
        c,
        "SELECT state FROM reviews WHERE purl = ? AND version = ?",
        rs -> ReviewState.parse(rs.getString(1)),
        purl,
        version);
  }

  @Override
  public Optional<String> baseline(String purl) {
    Optional<String> approved =
        Sql.one(
            c,
            "SELECT version FROM reviews WHERE purl = ? AND state = 'approved'"
                + " ORDER BY updated_at DESC, rowid DESC LIMIT 1",
            rs -> rs.getString(1),
            purl);
    return approved.isPresent()
        ? approved
        : Sql.one(
            c,
            "SELECT version FROM reviews WHERE purl = ? ORDER BY first_seen, rowid LIMIT 1",
            rs -> rs.getString(1),
            purl);
  }

  @Override
  public Optional<ReviewState> fleet(String subject, String version) {
    return Sql.one(
        c,
        "SELECT decision FROM policy WHERE subject = ? AND (version = ? OR version = '')"
            + " ORDER BY version DESC LIMIT 1",
        rs -> ReviewState.parse(rs.getString(1)),
        subject,
        version == null ? "" : version);
  }

  /**
   * Records what a scan concluded. Only a person (or nobody) decides approved/denied locally, so a
   * scan writes only unreviewed or suspended, and never overwrites a decision.
   */
  void applyScanStates(Map<Trust.PackageVersion, ReviewState> states, Instant now) {
    for (Map.Entry<Trust.PackageVersion, ReviewState> e : states.entrySet()) {
      ReviewState s =
          e.getValue() == ReviewState.SUSPENDED ? ReviewState.SUSPENDED : ReviewState.UNREVIEWED;
      Sql.update(
          c,
          "INSERT INTO reviews(purl, version, state, first_seen, updated_at) VALUES (?,?,?,?,?)"
              + " ON CONFLICT(purl, version) DO UPDATE SET state = excluded.state,"
              + " updated_at = excluded.updated_at"
              + " WHERE reviews.state IN ('unreviewed', 'suspended') AND reviews.state <> excluded.state",
          e.getKey().purl(),
          e.getKey().version(),
          s.wire(),
          now,
          now);
    }
  }

  /** A person's decision; returns the previous state, if the version was known. */
  Optional<ReviewState> decide(
      String purl, String version, ReviewState decision, String by, String reason, Instant now) {
    Optional<ReviewState> before = local(purl, version);
    Sql.update(
        c,
        "INSERT INTO reviews(purl, version, state, first_seen, updated_at, reviewed_by, reason)"
            + " VALUES (?,?,?,?,?,?,?) ON CONFLICT(purl, version) DO UPDATE SET state = excluded.state,"
            + " updated_at = excluded.updated_at, reviewed_by = excluded.reviewed_by, reason = excluded.reason",
        purl,
        version,
        decision.wire(),
        now,
        now,
        by,
        reason);
    return before;
  }
}
