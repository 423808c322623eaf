package dev.daylight.collector.http;

import static dev.daylight.collector.http.Access.METRICS;
import static dev.daylight.collector.http.Access.OPEN;

import java.util.List;
import java.util.Map;

/**
 * What operations call without an account: health for the load balancer, metrics for the scraper.
 */
final class OperationsApi {
  private OperationsApi() {}

  static List<Route> routes(Services s, Metrics metrics) {
    return List.of(
        Route.get(
            "/healthz",
            OPEN,
            c -> {
              boolean ok = s.db().healthy();
              return c.json(ok ? 200 : 503, Map.of("status", ok ? "ok" : "database unavailable"));
            }),
        Route.get(
            "/metrics",
            METRICS,
            c -> {
              HttpIo.send(
                  c.response,
                  200,
                  "text/plain; version=0.0.4; charset=utf-8",
                  metrics.scrape(),
                  c.callback);
              return 200;
            }));
  }
}
