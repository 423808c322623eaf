package dev.daylight.collector.http;

import static dev.daylight.collector.http.Access.ADMIN;

import dev.daylight.collector.fleet.GuardCalls;
import dev.daylight.collector.ingest.EnrollmentView;
import java.util.List;
import java.util.Optional;

/** The console's questions about the fleet: read-only, for the administrator. */
final class ConsoleApi {
  private ConsoleApi() {}

  static List<Route> routes(Services s) {
    return List.of(
        Route.get("/api/v1/overview", ADMIN, c -> c.ok(s.fleet().overview(c.now))),
        Route.get(
            "/api/v1/devices",
            ADMIN,
            c ->
                c.ok(
                    s.fleet()
                        .devices(
                            c.filter("q", "os", "owner", "severity", "seenBefore", "seenAfter"),
                            c.cursor(),
                            c.limit()))),
        Route.get("/api/v1/devices/{id}", ADMIN, c -> c.ok(s.fleet().device(c.var("id")))),
        Route.get(
            "/api/v1/devices/{id}/timeline",
            ADMIN,
            c -> c.ok(s.fleet().timeline(c.var("id"), c.cursor(), c.limit()))),
        Route.get(
            "/api/v1/fleet/servers",
            ADMIN,
            c ->
                c.ok(
                    c.param("capability") != null
                        ? s.fleet().serversWith(c.param("capability"), c.cursor(), c.limit(), c.now)
                        : s.fleet().servers(c.param("q"), c.cursor(), c.limit(), c.now))),
        Route.get(
            "/api/v1/fleet/packages",
            ADMIN,
            c -> {
              String purl = c.param("purl");
              Optional<String> range =
                  Optional.ofNullable(c.param("range")).filter(r -> !r.isBlank());
              Optional<String> release =
                  Optional.ofNullable(c.param("release")).filter(r -> !r.isBlank());
              boolean incident =
                  purl != null
                      && (range.isPresent()
                          || release.isPresent()
                          || !"versions".equals(c.param("view")));
              return c.ok(
                  incident
                      ? s.fleet().incident(purl, range, release, c.cursor(), c.limit())
                      : s.fleet()
                          .packages(
                              c.param("q"),
                              purl,
                              c.param("version"),
                              c.cursor(),
                              c.limit(),
                              c.now));
            }),
        Route.get(
            "/api/v1/findings",
            ADMIN,
            c ->
                c.ok(
                    s.fleet()
                        .findings(
                            c.filter("severity", "rule", "status", "node", "purl"),
                            c.cursor(),
                            c.limit()))),
        Route.get(
            "/api/v1/guard/calls",
            ADMIN,
            c ->
                c.ok(
                    new GuardCalls(s.db())
                        .query(
                            c.param("node"),
                            c.param("decision"),
                            c.longParam("since", 0),
                            c.limit()))),
        Route.get(
            "/api/v1/admin/enrollments",
            ADMIN,
            c -> c.ok(EnrollmentView.of(s.db(), c.limit(), c.now))));
  }
}
