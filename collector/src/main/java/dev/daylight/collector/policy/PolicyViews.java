package dev.daylight.collector.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.daylight.collector.fleet.FleetAnswers;
import java.time.Instant;
import java.util.List;

/** What the admin API answers about the fleet's policy, field for field as the wire carries it. */
public final class PolicyViews {
  private PolicyViews() {}

  /** {@code GET /api/v1/admin/policy}: the decisions in force, and the edits newest first. */
  public record PolicyList(
      List<FleetAnswers.Decision> entries, List<Change> history, String next) {}

  public record Change(String id, @JsonUnwrapped FleetAnswers.Decision decision) {}

  /** {@code GET /api/v1/admin/guard}: only {@code mode}, null, while each machine keeps its own. */
  public record Guard(
      String mode,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean installHooks,
      @JsonInclude(JsonInclude.Include.NON_NULL) String by,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant at) {}

  /** {@code GET /api/v1/admin/approval-classes}: {@code classes} null leaves it to each machine. */
  public record ApprovalClasses(
      List<String> classes,
      String by,
      String reason,
      Instant at,
      List<String> known,
      List<ClassesChange> history) {}

  public record ClassesChange(List<String> classes, String by, String reason, Instant at) {}
}
