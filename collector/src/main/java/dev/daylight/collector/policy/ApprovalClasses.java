package dev.daylight.collector.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.daylight.collector.ApiException;
import dev.daylight.collector.fleet.CapabilityClasses;
import dev.daylight.collector.store.Rows;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The capability classes the fleet requires an approval for, kept in {@code approval_classes} and
 * sent to agents as {@code Policy.approvalClasses}; every change is audited with who and why.
 */
final class ApprovalClasses {
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
  private static final int HISTORY = 50;

  private ApprovalClasses() {}

  /** The edit's classes, known ids only, each once, in the catalog's order; a 400 otherwise. */
  static Optional<List<String>> validate(PolicyService.ApprovalClassesEdit e) {
    if (e == null) {
      throw ApiException.badRequest("empty body");
    }
    ApiException.requireBy(e.by(), "sets the approval classes");
    if (e.reason() == null || e.reason().isBlank() || e.reason().length() > 2000) {
      throw ApiException.badRequest("reason is required (at most 2000 characters)");
    }
    if (e.classes() == null) {
      return Optional.empty();
    }
    LinkedHashSet<String> wanted = new LinkedHashSet<>();
    for (String id : e.classes()) {
      wanted.add(CapabilityClasses.require(id, "classes"));
    }
    return Optional.of(CapabilityClasses.ids().stream().filter(wanted::contains).toList());
  }

  static Optional<List<String>> read(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT classes FROM approval_classes WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(parse(rs.getString(1))) : Optional.empty();
    }
  }

  static void write(
      Connection c,
      Optional<List<String>> classes,
      PolicyService.ApprovalClassesEdit e,
      long now,
      long seq)
      throws SQLException {
    String json = classes.map(ApprovalClasses::json).orElse(null);
    if (json == null) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM approval_classes WHERE id = 1")) {
        ps.executeUpdate();
      }
    } else {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO approval_classes (id, classes, set_by, reason, set_at) VALUES (1,?,?,?,?)"
                  + " ON CONFLICT (id) DO UPDATE SET classes = excluded.classes, set_by = excluded.set_by,"
                  + " reason = excluded.reason, set_at = excluded.set_at")) {
        ps.setString(1, json);
        ps.setString(2, e.by());
        ps.setString(3, e.reason());
        ps.setLong(4, now);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO approval_classes_audit (seq, classes, set_by, reason, set_at) VALUES (?,?,?,?,?)")) {
      ps.setLong(1, seq);
      ps.setString(2, json);
      ps.setString(3, e.by());
      ps.setString(4, e.reason());
      ps.setLong(5, now);
      ps.executeUpdate();
    }
  }

  /** A stored list: classes as JSON text, null when the fleet leaves it to each machine. */
  private record Stored(String classes, String by, String reason, Instant at) {
    PolicyViews.ClassesChange parsed() throws SQLException {
      return new PolicyViews.ClassesChange(classes == null ? null : parse(classes), by, reason, at);
    }
  }

  /** The list in force (null: each machine's own), who set it, and the latest changes. */
  static PolicyViews.ApprovalClasses describe(Connection c) throws SQLException {
    List<Stored> now =
        Rows.list(
            c,
            Stored.class,
            "SELECT classes AS \"classes\", set_by AS \"by\","
                + " reason AS \"reason\", set_at AS \"at\" FROM approval_classes WHERE id = 1");
    PolicyViews.ClassesChange current =
        now.isEmpty() ? new PolicyViews.ClassesChange(null, null, null, null) : now.get(0).parsed();
    List<PolicyViews.ClassesChange> history = new ArrayList<>();
    for (Stored r :
        Rows.list(
            c,
            Stored.class,
            "SELECT classes AS \"classes\", set_by AS \"by\", reason AS \"reason\","
                + " set_at AS \"at\" FROM approval_classes_audit ORDER BY seq DESC LIMIT "
                + HISTORY)) {
      history.add(r.parsed());
    }
    return new PolicyViews.ApprovalClasses(
        current.classes(),
        current.by(),
        current.reason(),
        current.at(),
        CapabilityClasses.ids(),
        history);
  }

  private static List<String> parse(String json) throws SQLException {
    try {
      return Json.mapper().readValue(json, LIST);
    } catch (IOException ex) {
      throw new SQLException("stored approval classes are not a JSON list", ex);
    }
  }

  private static String json(List<String> classes) {
    try {
      return Json.mapper().writeValueAsString(classes);
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
