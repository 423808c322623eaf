package dev.daylight.collector.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.ApiException;
import dev.daylight.collector.fleet.CapabilityClasses;
import dev.daylight.collector.fleet.FleetAnswers;
import dev.daylight.collector.fleet.MaliciousIntel;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import dev.daylight.collector.store.WriteQueue;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.GuardPolicy;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.Policy;
import dev.daylight.protocol.PolicyEntry;
import dev.daylight.protocol.ReviewState;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Fleet-wide decisions and intel flowing back to agents. The ETag is built from revision counters
 * kept in the database, so every collector process behind a load balancer gives the same one.
 */
public final class PolicyService {
  private static final int INTEL_PAGE = 500;
  // Agents refuse a policy answer over 16 MiB; a page stops near 4 MiB of records however many
  // that is (OSV records run from 1 KB to over 100 KB), and the agent asks again from its cursor.
  private static final int INTEL_PAGE_BYTES = 4 * 1024 * 1024;

  /**
   * An edit from the admin API or the dashboard: who decided, and why. A package decision names its
   * scope: one {@code version}, or {@code allVersions} set explicitly; approving a version intel
   * calls malicious also needs {@code overrideMalicious}. {@code unreviewed} revokes the decision
   * so scoped.
   */
  public record Edit(
      String subject,
      String version,
      Boolean allVersions,
      String decision,
      String by,
      String reason,
      Boolean overrideMalicious) {}

  /**
   * {@code PUT /api/v1/admin/guard}: {@code {"mode": "enforce", "installHooks": true, "by":
   * "..."}}; {@code mode} null withdraws the fleet setting (each machine keeps its own).
   */
  public record GuardEdit(String mode, Boolean installHooks, String by) {}

  /**
   * {@code PUT /api/v1/admin/approval-classes}: {@code {"classes": ["email-send", ...], "by",
   * "reason"}}; {@code classes} null withdraws the fleet's list (each machine keeps its own), an
   * empty list requires approval for no class.
   */
  public record ApprovalClassesEdit(List<String> classes, String by, String reason) {}

  private final Database db;
  private final WriteQueue writes;
  private final long scanIntervalSeconds;
  private final MaliciousIntel malicious;

  public PolicyService(
      Database db, WriteQueue writes, long scanIntervalSeconds, MaliciousIntel malicious) {
    this.db = db;
    this.writes = writes;
    this.scanIntervalSeconds = scanIntervalSeconds;
    this.malicious = malicious;
  }

  /** The ETag an agent holding {@code intelCursor} would get now. */
  public String etag(long intelCursor) throws SQLException {
    try (Connection c = db.read()) {
      return etag(c, intelCursor);
    }
  }

  private String etag(Connection c, long cursor) throws SQLException {
    long policy = revision(c, "policy");
    long intel = Math.max(cursor, Math.min(revision(c, "intel"), cursor + INTEL_PAGE));
    return "\"p" + policy + "-i" + cursor + "-" + intel + "-s" + scanIntervalSeconds + "\"";
  }

  public Policy forAgent(long intelCursor) throws SQLException {
    try (Connection c = db.read()) {
      List<PolicyEntry> entries = new ArrayList<>();
      for (FleetAnswers.Decision r :
          Rows.list(
              c,
              FleetAnswers.Decision.class,
              "SELECT subject AS \"subject\", version AS \"version\", decision AS \"decision\", decided_by AS \"by\","
                  + " reason AS \"reason\", decided_at AS \"decidedAt\", overrides AS \"overrides\""
                  + " FROM policy_entries ORDER BY subject, version")) {
        entries.add(
            new PolicyEntry(
                r.subject(),
                r.version().isEmpty() ? null : r.version(),
                ReviewState.parse(r.decision()),
                r.by(),
                r.reason(),
                r.decidedAt()));
      }
      List<JsonNode> intel = new ArrayList<>();
      long cursor = intelCursor;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT seq, body FROM intel WHERE seq > ? ORDER BY seq LIMIT " + INTEL_PAGE)) {
        ps.setLong(1, intelCursor);
        try (ResultSet rs = ps.executeQuery()) {
          long bytes = 0;
          while (rs.next() && (intel.isEmpty() || bytes < INTEL_PAGE_BYTES)) {
            String body = rs.getString(2);
            bytes += body.length();
            cursor = Math.max(cursor, rs.getLong(1));
            intel.add(Json.mapper().readTree(body));
          }
        }
      } catch (IOException e) {
        throw new SQLException("stored intel is not JSON", e);
      }
      return new Policy(
          etag(c, intelCursor),
          entries,
          scanIntervalSeconds,
          intel,
          Long.toString(cursor),
          GuardSetting.read(c).orElse(null),
          ApprovalClasses.read(c).orElse(null));
    }
  }

  /** Applies an approve/deny (or {@code unreviewed}, which revokes the decision) and audits it. */
  public void edit(Edit e, long now) throws SQLException {
    ApiException.requireBy(e.by(), "decides");
    if (e.subject() == null || e.decision() == null || blank(e.reason())) {
      throw ApiException.badRequest("subject, decision and reason are required");
    }
    if (e.reason().length() > 2000
        || e.subject().length() > 500
        || (e.version() != null && e.version().length() > 200)) {
      throw ApiException.badRequest("field too long");
    }
    String subject = canonicalSubject(e.subject().trim());
    String version = scope(subject, e);
    ReviewState decision;
    try {
      decision = ReviewState.parse(e.decision());
    } catch (IllegalArgumentException ex) {
      throw ApiException.badRequest("decision must be approved, denied or unreviewed");
    }
    if (decision == ReviewState.SUSPENDED) {
      throw ApiException.badRequest("decision must be approved, denied or unreviewed");
    }
    String overrides = null;
    try (Connection c = db.read()) {
      if (decision == ReviewState.UNREVIEWED
          && Rows.count(
                  c,
                  "SELECT COUNT(*) FROM policy_entries WHERE subject = ? AND version = ?",
                  subject,
                  version)
              == 0) {
        throw ApiException.notFound();
      }
      if (decision == ReviewState.APPROVED && subject.startsWith("pkg:")) {
        List<String> malicious =
            this.malicious.advisories(
                subject, version.isEmpty() ? Optional.empty() : Optional.of(version));
        if (!malicious.isEmpty() && !Boolean.TRUE.equals(e.overrideMalicious())) {
          throw new ApiException(
              409,
              "intel marks "
                  + subject
                  + (version.isEmpty() ? " (some version)" : "@" + version)
                  + " as malicious ("
                  + String.join(", ", malicious)
                  + "): approving it needs overrideMalicious: true"
                  + " and a reason");
        }
        overrides = malicious.isEmpty() ? null : String.join(",", malicious);
      }
    }
    String overridden = overrides;
    writes.submit(
        "policy",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO policy_audit (audit_id, subject, version, decision, decided_by, reason, decided_at,"
                      + " overrides, seq) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, subject);
            ps.setString(3, version);
            ps.setString(4, decision.wire());
            ps.setString(5, e.by());
            ps.setString(6, e.reason());
            ps.setLong(7, now);
            ps.setString(8, overridden);
            ps.setLong(9, bump(c, "audit"));
            ps.executeUpdate();
          }
          if (decision == ReviewState.UNREVIEWED) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "DELETE FROM policy_entries WHERE subject = ? AND version = ?")) {
              ps.setString(1, subject);
              ps.setString(2, version);
              ps.executeUpdate();
            }
          } else {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO policy_entries (subject, version, decision, decided_by, reason, decided_at, overrides)"
                        + " VALUES (?,?,?,?,?,?,?) ON CONFLICT (subject, version) DO UPDATE SET"
                        + " decision = excluded.decision, decided_by = excluded.decided_by,"
                        + " reason = excluded.reason, decided_at = excluded.decided_at, overrides = excluded.overrides")) {
              ps.setString(1, subject);
              ps.setString(2, version);
              ps.setString(3, decision.wire());
              ps.setString(4, e.by());
              ps.setString(5, e.reason());
              ps.setLong(6, now);
              ps.setString(7, overridden);
              ps.executeUpdate();
            }
          }
          bump(c, "policy");
          return null;
        });
  }

  /**
   * Sets (or, with {@code mode} null, withdraws) the fleet's guard mode; validated before anything
   * is written, and sent with the next policy.
   */
  public void editGuard(GuardEdit e, long now) throws SQLException {
    Optional<GuardPolicy> valid = GuardSetting.validate(e);
    writes.submit(
        "policy",
        c -> {
          GuardSetting.write(c, valid, e.by(), now);
          bump(c, "policy");
          return null;
        });
  }

  /**
   * Sets (or, with {@code classes} null, withdraws) the capability classes agents require an
   * approval for; validated before anything is written, audited, and sent with the next policy.
   */
  public void editApprovalClasses(ApprovalClassesEdit e, long now) throws SQLException {
    Optional<List<String>> valid = ApprovalClasses.validate(e);
    writes.submit(
        "policy",
        c -> {
          ApprovalClasses.write(c, valid, e, now, bump(c, "approval-classes"));
          bump(c, "policy");
          return null;
        });
  }

  public PolicyViews.ApprovalClasses approvalClasses() throws SQLException {
    try (Connection c = db.read()) {
      return ApprovalClasses.describe(c);
    }
  }

  public PolicyViews.Guard guard() throws SQLException {
    try (Connection c = db.read()) {
      return GuardSetting.describe(c);
    }
  }

  /**
   * The version column an edit is stored under: its exact version, or '' for every version when the
   * edit says {@code allVersions} itself. A package decision that says neither is refused, so a
   * missing field never widens a decision to the whole package.
   */
  private static String scope(String subject, Edit e) {
    String version = e.version() == null ? "" : e.version().trim();
    boolean all = Boolean.TRUE.equals(e.allVersions());
    if (subject.startsWith("server:") || subject.startsWith("class:")) {
      if (!version.isEmpty()) {
        throw ApiException.badRequest(
            "a server or class decision covers every server so named or so able;"
                + " it takes no version");
      }
      return "";
    }
    if (all && !version.isEmpty()) {
      throw ApiException.badRequest("give either a version or allVersions: true, not both");
    }
    if (!all && version.isEmpty()) {
      throw ApiException.badRequest(
          "say the scope: a version, or allVersions: true for every version");
    }
    return version;
  }

  private static String canonicalSubject(String subject) {
    if (subject.startsWith("server:") && subject.length() > "server:".length()) {
      return subject;
    }
    if (subject.startsWith("class:")) {
      return "class:" + CapabilityClasses.require(subject.substring("class:".length()), "subject");
    }
    try {
      return Purls.base(subject);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "subject must be a package URL (pkg:...), server:NAME or class:ID");
    }
  }

  /** Every decision in force, and the history of edits newest first, paged by {@code cursor}. */
  public PolicyViews.PolicyList list(String cursor, int limit) throws SQLException {
    return PolicyHistory.list(db, cursor, limit);
  }

  /** Stores OSV records (each needs an {@code id}); agents get them after their cursor. */
  public int addIntel(List<JsonNode> records) throws SQLException {
    for (JsonNode r : records) {
      if (r == null || !r.isObject() || !r.hasNonNull("id") || !r.get("id").isTextual()) {
        throw ApiException.badRequest("every intel record needs a string id");
      }
    }
    return writes.submit(
        "intel",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO intel (osv_id, seq, body) VALUES (?,?,?) ON CONFLICT (osv_id) DO UPDATE SET"
                      + " seq = excluded.seq, body = excluded.body")) {
            for (JsonNode r : records) {
              ps.setString(1, r.get("id").asText());
              ps.setLong(2, bump(c, "intel"));
              ps.setString(3, r.toString());
              ps.executeUpdate();
            }
          }
          return records.size();
        });
  }

  private static long revision(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM revisions WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static long bump(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE revisions SET value = value + 1 WHERE name = ? RETURNING value")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
