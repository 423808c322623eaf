package dev.daylight.collector.http;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.fleet.Cursor;
import dev.daylight.collector.fleet.FleetQueries;
import dev.daylight.collector.fleet.GuardCalls;
import dev.daylight.collector.fleet.Owners;
import dev.daylight.collector.ingest.Enrollment;
import dev.daylight.collector.ingest.RawEvents;
import dev.daylight.collector.ingest.ReportIngest;
import dev.daylight.collector.ingest.Secrets;
import dev.daylight.collector.policy.PolicyService;
import dev.daylight.collector.store.Database;
import dev.daylight.protocol.AnswerSignature;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the collector. Each check that can refuse a request (auth, size, JSON, schema,
 * node id) runs before anything is written, so a refused request changes no state.
 */
final class Routes extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(Routes.class);
  static final int BODY_CAP = 4 * 1024 * 1024;

  /** {@code nodeKey}: the key the enroller holds, its proof that the device is its own. */
  record EnrollRequest(String enrollSecret, Host host, String nodeKey) {}

  /** An administrator allows one re-enrollment ({@code revoke}: and ends the current key now). */
  record ReenrollRequest(String by, Boolean revoke, Integer hours) {}

  /** Services the routes call; one set per collector process. */
  record Services(Database db, Enrollment enrollment, ReportIngest ingest, FleetQueries fleet,
      PolicyService policy, Owners owners, String adminToken, String metricsToken, Clock clock,
      SigningKey signer) {}

  private final Services s;
  private final Metrics metrics;
  private final Dashboard dashboard = new Dashboard();

  Routes(Services services, Metrics metrics) {
    super(InvocationType.BLOCKING);
    this.s = services;
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String path = Request.getPathInContext(request);
    String route = "other";
    int status;
    try {
      route = route(path);
      status = dispatch(route, path, request, response, callback);
    } catch (ApiException e) {
      status = e.status();
      if (status >= 500) {
        log.atWarn().addKeyValue("path", path).log(e.getMessage());
      } else {
        // The JSON log writes the message as given (no {} formatting): the reason is its own field
        // and in the text. Reasons are our own words and never carry a secret.
        log.atInfo().addKeyValue("path", path).addKeyValue("status", status).addKeyValue("reason", e.getMessage())
            .log("refused: " + e.getMessage());
      }
      HttpIo.sendJson(response, status, e.body(), callback);
    } catch (Exception e) {
      status = 500;
      log.atError().addKeyValue("path", path).setCause(e).log("request failed");
      HttpIo.sendJson(response, 500, Map.of("error", "internal error"), callback);
    }
    metrics.requests.labelValues(route, Integer.toString(status)).observe((System.nanoTime() - start) / 1e9);
    return true;
  }

  private static String route(String path) {
    if (path.startsWith("/api/v1/devices/")) {
      return path.endsWith("/timeline") ? "device-timeline" : path.endsWith("/owner") ? "device-owner"
          : path.endsWith("/reenroll") ? "device-reenroll" : "device";
    }
    return switch (path) {
      case "/healthz", "/metrics", "/api/v1/enroll", "/api/v1/reports", "/api/v1/policy",
          "/api/v1/overview", "/api/v1/devices", "/api/v1/fleet/servers", "/api/v1/fleet/packages",
          "/api/v1/findings", "/api/v1/admin/policy", "/api/v1/admin/intel", "/api/v1/admin/enrollments",
          "/api/v1/guard/calls", "/api/v1/admin/guard" -> path;
      default -> path.startsWith("/api/") ? "unknown" : "dashboard";
    };
  }

  private int dispatch(String route, String path, Request req, Response res, Callback cb) throws Exception {
    String method = req.getMethod();
    long now = s.clock().millis();
    switch (route) {
      case "/healthz" -> {
        boolean ok = s.db().healthy();
        return json(res, ok ? 200 : 503, Map.of("status", ok ? "ok" : "database unavailable"), cb);
      }
      case "/metrics" -> {
        if (s.metricsToken() != null && !Secrets.same(HttpIo.bearer(req), s.metricsToken())) {
          throw ApiException.unauthorized();
        }
        HttpIo.send(res, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape(), cb);
        return 200;
      }
      case "/api/v1/enroll" -> {
        expect(method, "POST");
        EnrollRequest e = HttpIo.json(HttpIo.body(req, BODY_CAP), EnrollRequest.class);
        Enrollment.Enrolled done = s.enrollment().enroll(e.enrollSecret(), e.host(), e.nodeKey(), now);
        metrics.enrollments.inc();
        log.atInfo().addKeyValue("node", done.nodeId()).addKeyValue("how", done.how()).log("enrolled");
        // signingKey: the agent pins it and from then on applies only answers it signed.
        return json(res, 200, Map.of("nodeId", done.nodeId(), "nodeKey", done.nodeKey(), "enrolled", done.how(),
            "signingKey", s.signer().publicKeyBase64()), cb);
      }
      case "/api/v1/reports" -> {
        expect(method, "POST");
        return report(req, res, cb, now);
      }
      case "/api/v1/policy" -> {
        expect(method, "GET");
        node(req);
        long cursor = longParam(req, "intelCursor", 0);
        String etag = s.policy().etag(cursor);
        if (etag.equals(req.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
          res.setStatus(304);
          res.getHeaders().put(HttpHeader.ETAG, etag);
          res.write(true, null, cb);
          return 304;
        }
        var policy = s.policy().forAgent(cursor);
        res.getHeaders().put(HttpHeader.ETAG, policy.etag());
        return signed(res, policy, cb);
      }
      case "dashboard" -> {
        expect(method, "GET");
        return dashboard.serve(path, res, cb);
      }
      case "unknown" -> throw ApiException.notFound();
      default -> {
        admin(req);
        return adminRoute(route, path, method, req, res, cb, now);
      }
    }
  }

  private int adminRoute(String route, String path, String method, Request req, Response res, Callback cb,
      long now) throws Exception {
    Fields q = Request.extractQueryParameters(req);
    int limit = (int) Math.min(Math.max(longParam(req, "limit", Cursor.DEFAULT_LIMIT), 1), Cursor.MAX_LIMIT);
    String cursor = q.getValue("cursor");
    return switch (route) {
      case "/api/v1/overview" -> json(res, 200, get(method, () -> s.fleet().overview(now)), cb);
      case "/api/v1/devices" -> json(res, 200, get(method, () -> s.fleet().devices(
          filter(q, "q", "os", "owner", "severity", "seenBefore", "seenAfter"), cursor, limit)), cb);
      case "device" -> json(res, 200, get(method, () -> s.fleet().device(deviceId(path, ""))), cb);
      case "device-timeline" -> json(res, 200, get(method, () -> s.fleet().timeline(
          deviceId(path, "/timeline"), cursor, limit)), cb);
      case "device-owner" -> {
        expect(method, "PUT");
        String id = deviceId(path, "/owner");
        var assignment = HttpIo.json(HttpIo.body(req, BODY_CAP), Owners.Assignment.class);
        s.owners().assign(id, assignment);
        log.atInfo().addKeyValue("node", id).addKeyValue("by", assignment.by())
            .log(assignment.owner() == null || assignment.owner().isBlank() ? "owner cleared" : "owner assigned");
        yield json(res, 200, s.fleet().device(id), cb);
      }
      case "device-reenroll" -> {
        expect(method, "POST");
        String id = deviceId(path, "/reenroll");
        var r = HttpIo.json(HttpIo.body(req, BODY_CAP), ReenrollRequest.class);
        if (r.by() == null || r.by().isBlank() || r.by().length() > 200) {
          throw ApiException.badRequest("by (who allows it) is required, at most 200 characters");
        }
        int hours = r.hours() == null ? 24 : r.hours();
        if (hours < 1 || hours > 24 * 30) {
          throw ApiException.badRequest("hours must be 1 to 720");
        }
        boolean revoke = Boolean.TRUE.equals(r.revoke());
        s.enrollment().allowReenrollment(id, java.time.Duration.ofHours(hours), revoke, r.by(), now);
        log.atInfo().addKeyValue("node", id).addKeyValue("by", r.by()).addKeyValue("revoked", revoke)
            .log("re-enrollment allowed");
        yield json(res, 200, dev.daylight.collector.ingest.EnrollmentView.of(s.db(), limit, now), cb);
      }
      case "/api/v1/admin/enrollments" ->
          json(res, 200, get(method, () -> dev.daylight.collector.ingest.EnrollmentView.of(s.db(), limit, now)), cb);
      case "/api/v1/fleet/servers" -> json(res, 200, get(method, () -> s.fleet().servers(q.getValue("q"), cursor,
          limit, now)), cb);
      case "/api/v1/fleet/packages" -> {
        String purl = q.getValue("purl");
        Optional<String> range = Optional.ofNullable(q.getValue("range")).filter(r -> !r.isBlank());
        Optional<String> release = Optional.ofNullable(q.getValue("release")).filter(r -> !r.isBlank());
        boolean incident = purl != null && (range.isPresent() || release.isPresent() || !"versions".equals(q.getValue("view")));
        yield json(res, 200, get(method, () -> incident
            ? s.fleet().incident(purl, range, release, cursor, limit)
            : s.fleet().packages(q.getValue("q"), purl, q.getValue("version"), cursor, limit, now)), cb);
      }
      case "/api/v1/findings" -> json(res, 200, get(method, () -> s.fleet().findings(
          filter(q, "severity", "rule", "status", "node", "purl"), cursor, limit)), cb);
      case "/api/v1/admin/policy" -> {
        if (method.equals("GET")) {
          yield json(res, 200, s.policy().list(cursor, limit), cb);
        }
        expect(method, "POST");
        var edit = HttpIo.json(HttpIo.body(req, BODY_CAP), PolicyService.Edit.class);
        s.policy().edit(edit, now);
        log.atInfo().addKeyValue("subject", edit.subject()).addKeyValue("decision", edit.decision())
            .addKeyValue("by", edit.by()).log("policy edited");
        yield json(res, 200, s.policy().list(null, Cursor.DEFAULT_LIMIT), cb);
      }
      case "/api/v1/guard/calls" -> json(res, 200, get(method, () -> new GuardCalls(s.db()).query(
          q.getValue("node"), q.getValue("decision"), longParam(req, "since", 0), limit)), cb);
      case "/api/v1/admin/guard" -> {
        if (method.equals("GET")) {
          yield json(res, 200, s.policy().guard(), cb);
        }
        expect(method, "PUT");
        var edit = HttpIo.json(HttpIo.body(req, BODY_CAP), GuardEdit.class);
        s.policy().editGuard(edit.mode(), edit.installHooks(), edit.by(), now);
        log.atInfo().addKeyValue("mode", edit.mode()).addKeyValue("by", edit.by()).log("guard mode set");
        yield json(res, 200, s.policy().guard(), cb);
      }
      case "/api/v1/admin/intel" -> {
        expect(method, "POST");
        var records = HttpIo.json(HttpIo.body(req, BODY_CAP), com.fasterxml.jackson.databind.JsonNode[].class);
        yield json(res, 200, Map.of("stored", s.policy().addIntel(java.util.Arrays.asList(records))), cb);
      }
      default -> throw ApiException.notFound();
    };
  }

  /** The named query parameters that are present and not blank. */
  private static Map<String, String> filter(Fields q, String... names) {
    Map<String, String> out = new HashMap<>();
    for (String k : names) {
      String v = q.getValue(k);
      if (v != null && !v.isBlank()) {
        out.put(k, v);
      }
    }
    return out;
  }
  /** {@code PUT /api/v1/admin/guard}: {@code {"mode": "enforce", "installHooks": true, "by": "..."}}. */
  record GuardEdit(String mode, Boolean installHooks, String by) {}

  private int report(Request req, Response res, Callback cb, long now) throws Exception {
    String node = node(req);
    Report r = HttpIo.json(HttpIo.body(req, BODY_CAP), RawEvents::read);
    if (!SchemaVersion.accepted(r.schemaVersion())) {
      throw ApiException.badRequest("schema version " + r.schemaVersion() + " not accepted (current "
          + SchemaVersion.CURRENT + ")");
    }
    if (r.reportId().isBlank() || r.reportId().length() > 200) {
      throw ApiException.badRequest("reportId must be 1 to 200 characters");
    }
    if (r.kind() == ReportKind.UNKNOWN) {
      throw ApiException.badRequest("kind must be snapshot or delta");
    }
    if (r.kind() == ReportKind.SNAPSHOT && r.inventory() == null) {
      throw ApiException.badRequest("a snapshot carries an inventory");
    }
    if (r.nodeId() != null && !r.nodeId().equals(node)) {
      throw new ApiException(403, "report is for another node");
    }
    ReportIngest.Outcome outcome = s.ingest().ingest(node, r, now);
    String word = outcome.name().toLowerCase(java.util.Locale.ROOT);
    metrics.reports.labelValues(word).inc();
    return json(res, 200, Map.of("reportId", r.reportId(), "status", word), cb);
  }

  /** The node of the bearer key; a retired key's agent is told why and whether it may enroll again. */
  private String node(Request req) throws Exception {
    String key = HttpIo.bearer(req);
    Optional<String> node = s.enrollment().nodeFor(key);
    if (node.isPresent()) {
      return node.get();
    }
    Optional<Enrollment.Retired> retired = s.enrollment().retired(key, s.clock().millis());
    if (retired.isPresent()) {
      throw new ApiException(401, "node key retired", Map.of("reason", retired.get().reason(),
          "reenroll", retired.get().reenrollAllowed() ? "allowed" : "needs an administrator's approval"));
    }
    throw ApiException.unauthorized();
  }

  private void admin(Request req) {
    if (!Secrets.same(HttpIo.bearer(req), s.adminToken())) {
      throw ApiException.unauthorized();
    }
  }

  private static void expect(String method, String wanted) {
    if (!method.equals(wanted)) {
      throw new ApiException(405, "use " + wanted);
    }
  }

  private interface Query {
    Object run() throws Exception;
  }

  private static Object get(String method, Query q) throws Exception {
    expect(method, "GET");
    return q.run();
  }

  private static long longParam(Request req, String name, long fallback) {
    String v = Request.extractQueryParameters(req).getValue(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a number");
    }
  }

  /** 200 with a detached signature over the exact body bytes; the JSON is the same as unsigned. */
  private int signed(Response res, Object body, Callback cb) throws java.io.IOException {
    byte[] bytes = dev.daylight.protocol.Json.mapper().writeValueAsBytes(body);
    res.getHeaders().put(AnswerSignature.HEADER, AnswerSignature.header(s.signer().sign(bytes)));
    res.getHeaders().put(AnswerSignature.KEY_ID_HEADER, s.signer().keyId());
    res.getHeaders().put(AnswerSignature.KEY_HEADER, s.signer().publicKeyBase64());
    HttpIo.send(res, 200, "application/json", bytes, cb);
    return 200;
  }

  private static int json(Response res, int status, Object body, Callback cb) {
    HttpIo.sendJson(res, status, body, cb);
    return status;
  }

  /** The node id in {@code /api/v1/devices/ID[suffix]}; a missing id is a 404, not a 500. */
  private static String deviceId(String path, String suffix) {
    int start = "/api/v1/devices/".length();
    int end = path.length() - suffix.length();
    if (end <= start) {
      throw ApiException.notFound();
    }
    return path.substring(start, end);
  }
}
