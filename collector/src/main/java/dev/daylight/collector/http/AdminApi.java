package dev.daylight.collector.http;

import static dev.daylight.collector.http.Access.ADMIN;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.ApiException;
import dev.daylight.collector.fleet.Cursor;
import dev.daylight.collector.fleet.Owners;
import dev.daylight.collector.ingest.EnrollmentView;
import dev.daylight.collector.policy.PolicyService;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the administrator changes: fleet decisions, the guard's mode, intel, owners, re-enrollment.
 */
final class AdminApi {
  private static final Logger log = LoggerFactory.getLogger(AdminApi.class);

  /** The whole malicious-packages data set compiles to a few MB of gzip; this leaves ample room. */
  static final int SNAPSHOT_CAP = 64 << 20;

  /** An administrator allows one re-enrollment ({@code revoke}: and ends the current key now). */
  record ReenrollRequest(String by, Boolean revoke, Integer hours) {}

  /** What a stored intel snapshot answers (its fields were in a map's unstable order). */
  record SnapshotStored(String sha256, long lines, long bytes) {}

  private AdminApi() {}

  static List<Route> routes(Services s) {
    return List.of(
        Route.put(
            "/api/v1/devices/{id}/owner",
            ADMIN,
            c -> {
              String id = c.var("id");
              var assignment = c.body(Owners.Assignment.class);
              s.owners().assign(id, assignment);
              log.atInfo()
                  .addKeyValue("node", id)
                  .addKeyValue("by", assignment.by())
                  .log(
                      assignment.owner() == null || assignment.owner().isBlank()
                          ? "owner cleared"
                          : "owner assigned");
              return c.ok(s.fleet().device(id));
            }),
        Route.post("/api/v1/devices/{id}/reenroll", ADMIN, c -> reenroll(s, c)),
        Route.get("/api/v1/admin/policy", ADMIN, c -> c.ok(s.policy().list(c.cursor(), c.limit()))),
        Route.post(
            "/api/v1/admin/policy",
            ADMIN,
            c -> {
              var edit = c.body(PolicyService.Edit.class);
              s.policy().edit(edit, c.now);
              log.atInfo()
                  .addKeyValue("subject", edit.subject())
                  .addKeyValue("decision", edit.decision())
                  .addKeyValue("by", edit.by())
                  .log("policy edited");
              return c.ok(s.policy().list(null, Cursor.DEFAULT_LIMIT));
            }),
        Route.get("/api/v1/admin/guard", ADMIN, c -> c.ok(s.policy().guard())),
        Route.put(
            "/api/v1/admin/guard",
            ADMIN,
            c -> {
              var edit = c.body(PolicyService.GuardEdit.class);
              s.policy().editGuard(edit, c.now);
              log.atInfo()
                  .addKeyValue("mode", edit.mode())
                  .addKeyValue("by", edit.by())
                  .log("guard mode set");
              return c.ok(s.policy().guard());
            }),
        Route.get("/api/v1/admin/approval-classes", ADMIN, c -> c.ok(s.policy().approvalClasses())),
        Route.put(
            "/api/v1/admin/approval-classes",
            ADMIN,
            c -> {
              var edit = c.body(PolicyService.ApprovalClassesEdit.class);
              s.policy().editApprovalClasses(edit, c.now);
              log.atInfo()
                  .addKeyValue("classes", edit.classes())
                  .addKeyValue("by", edit.by())
                  .log("approval classes set");
              return c.ok(s.policy().approvalClasses());
            }),
        Route.post(
            "/api/v1/admin/intel",
            ADMIN,
            c -> {
              JsonNode[] records = c.body(JsonNode[].class);
              return c.ok(Map.of("stored", s.policy().addIntel(Arrays.asList(records))));
            }),
        // A whole snapshot (daylight intel compile's .tsv.gz) for every agent; ?by= says who.
        Route.put(
            "/api/v1/admin/intel/snapshot",
            ADMIN,
            c -> {
              var stored =
                  s.snapshots().store(HttpIo.body(c.request, SNAPSHOT_CAP), c.param("by"), c.now);
              log.atInfo()
                  .addKeyValue("sha256", stored.sha256())
                  .addKeyValue("lines", stored.lines())
                  .addKeyValue("by", c.param("by"))
                  .log("intel snapshot stored");
              return c.ok(
                  new SnapshotStored(stored.sha256(), stored.lines(), stored.body().length));
            }));
  }

  private static int reenroll(Services s, Call c) throws Exception {
    String id = c.var("id");
    var r = c.body(ReenrollRequest.class);
    ApiException.requireBy(r.by(), "allows it");
    int hours = r.hours() == null ? 24 : r.hours();
    if (hours < 1 || hours > 24 * 30) {
      throw ApiException.badRequest("hours must be 1 to 720");
    }
    boolean revoke = Boolean.TRUE.equals(r.revoke());
    s.enrollment().allowReenrollment(id, Duration.ofHours(hours), revoke, r.by(), c.now);
    log.atInfo()
        .addKeyValue("node", id)
        .addKeyValue("by", r.by())
        .addKeyValue("revoked", revoke)
        .log("re-enrollment allowed");
    return c.ok(EnrollmentView.of(s.db(), c.limit(), c.now));
  }
}
