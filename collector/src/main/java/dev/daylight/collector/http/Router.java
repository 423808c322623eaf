package dev.daylight.collector.http;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.ingest.Enrollment;
import dev.daylight.collector.ingest.Secrets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a request's route and answers for every route alike: the caller's access first, then the
 * method (404 and 405 are answered here, once), then the handler; an error becomes its JSON answer
 * and the metrics label is the route's template. Each check that can refuse a request runs before
 * anything is written, so a refused request changes no state.
 */
final class Router extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(Router.class);

  private final List<Route> routes;
  private final Services s;
  private final Metrics metrics;
  private final Dashboard dashboard = new Dashboard();

  Router(Services services, Metrics metrics) {
    super(InvocationType.BLOCKING);
    this.s = services;
    this.metrics = metrics;
    List<Route> all = new ArrayList<>();
    all.addAll(OperationsApi.routes(services, metrics));
    all.addAll(AgentApi.routes(services, metrics));
    all.addAll(ConsoleApi.routes(services));
    all.addAll(AdminApi.routes(services));
    this.routes = List.copyOf(all);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String path = Request.getPathInContext(request);
    String label = "other";
    int status;
    try {
      List<String> segments = segments(path);
      List<Route> matched = new ArrayList<>();
      Map<String, String> vars = null;
      for (Route r : routes) {
        Map<String, String> v = r.match(segments);
        if (v != null) {
          matched.add(r);
          vars = v;
        }
      }
      if (matched.isEmpty()) {
        label = path.startsWith("/api/") ? "unknown" : "dashboard";
        status = notRouted(path, request, response, callback);
      } else {
        label = matched.get(0).template();
        status = answer(matched, vars, request, response, callback);
      }
    } catch (ApiException e) {
      status = e.status();
      if (status >= 500) {
        log.atWarn().addKeyValue("path", path).log(e.getMessage());
      } else {
        // The JSON log writes the message as given (no {} formatting): the reason is its own field
        // and in the text. Reasons are our own words and never carry a secret.
        log.atInfo()
            .addKeyValue("path", path)
            .addKeyValue("status", status)
            .addKeyValue("reason", e.getMessage())
            .log("refused: " + e.getMessage());
      }
      HttpIo.sendJson(response, status, e.body(), callback);
    } catch (Exception e) {
      status = failed(e, path, response, callback);
    }
    metrics
        .requests
        .labelValues(label, Integer.toString(status))
        .observe((System.nanoTime() - start) / 1e9);
    return true;
  }

  /**
   * A value the database refused as data (SQLSTATE class 22, such as text it cannot hold) is the
   * request's fault: 400, so an agent does not retry it forever; so is a request Jetty found
   * malformed (its 4xx). Anything else is ours, 500.
   */
  private static int failed(Exception e, String path, Response response, Callback callback) {
    if (e instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
      // Jetty's refusal of what the client sent, such as a bad escape in the query ({@code %zz})
      // or bytes that are not UTF-8. Jetty's reason may quote the request: not answered or logged.
      log.atInfo()
          .addKeyValue("path", path)
          .addKeyValue("status", h.getCode())
          .log("refused: malformed request");
      HttpIo.sendJson(response, h.getCode(), Map.of("error", "malformed request"), callback);
      return h.getCode();
    }
    if (e instanceof SQLException q
        && q.getSQLState() != null
        && q.getSQLState().startsWith("22")) {
      log.atInfo()
          .addKeyValue("path", path)
          .addKeyValue("status", 400)
          .addKeyValue("sqlState", q.getSQLState())
          .log("refused: a value the database does not accept");
      HttpIo.sendJson(
          response, 400, Map.of("error", "a value the database does not accept"), callback);
      return 400;
    }
    log.atError().addKeyValue("path", path).setCause(e).log("request failed");
    HttpIo.sendJson(response, 500, Map.of("error", "internal error"), callback);
    return 500;
  }

  /** Routes sharing one template share its access; the method picks among them. */
  private int answer(
      List<Route> matched, Map<String, String> vars, Request req, Response res, Callback cb)
      throws Exception {
    String node = check(matched.get(0).access(), req);
    String method = req.getMethod();
    for (Route r : matched) {
      if (r.method().equals(method)) {
        return r.handler().answer(new Call(req, res, cb, s.clock().millis(), vars, node));
      }
    }
    TreeSet<String> allowed = new TreeSet<>();
    matched.forEach(r -> allowed.add(r.method()));
    res.getHeaders().put("Allow", String.join(", ", allowed));
    throw new ApiException(405, "use " + String.join(" or ", allowed));
  }

  /** An unknown API path is a 404; every other path is the dashboard's (GET only). */
  private int notRouted(String path, Request req, Response res, Callback cb) {
    if (path.startsWith("/api/")) {
      throw ApiException.notFound();
    }
    if (!req.getMethod().equals("GET")) {
      throw new ApiException(405, "use GET");
    }
    return dashboard.serve(path, res, cb);
  }

  /** Refuses a caller without the route's access; for a node route, the node the key belongs to. */
  private String check(Access access, Request req) throws java.sql.SQLException {
    return switch (access) {
      case OPEN -> null;
      case METRICS -> {
        if (s.metricsToken() != null && !Secrets.same(HttpIo.bearer(req), s.metricsToken())) {
          throw ApiException.unauthorized();
        }
        yield null;
      }
      case ADMIN -> {
        if (!Secrets.same(HttpIo.bearer(req), s.adminToken())) {
          throw ApiException.unauthorized();
        }
        yield null;
      }
      case NODE -> node(HttpIo.bearer(req));
    };
  }

  /**
   * The node of the bearer key; a retired key's agent is told why and whether it may enroll again.
   */
  private String node(String key) throws java.sql.SQLException {
    Optional<String> node = s.enrollment().nodeFor(key);
    if (node.isPresent()) {
      return node.get();
    }
    Optional<Enrollment.Retired> retired = s.enrollment().retired(key, s.clock().millis());
    if (retired.isPresent()) {
      throw new ApiException(
          401,
          "node key retired",
          Map.of(
              "reason",
              retired.get().reason(),
              "reenroll",
              retired.get().reenrollAllowed() ? "allowed" : "needs an administrator's approval"));
    }
    throw ApiException.unauthorized();
  }

  /** A path's segments after the leading slash ({@code /a/b/} gives a, b and an empty one). */
  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    int from = path.startsWith("/") ? 1 : 0;
    while (true) {
      int slash = path.indexOf('/', from);
      if (slash < 0) {
        out.add(path.substring(from));
        return out;
      }
      out.add(path.substring(from, slash));
      from = slash + 1;
    }
  }
}
