package dev.daylight.collector.http;

import static dev.daylight.collector.http.Access.NODE;
import static dev.daylight.collector.http.Access.OPEN;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.ingest.Enrollment;
import dev.daylight.collector.ingest.RawEvents;
import dev.daylight.collector.ingest.ReportIngest;
import dev.daylight.protocol.AnswerSignature;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agents' API: enroll, send reports, pull the fleet policy. */
final class AgentApi {
  private static final Logger log = LoggerFactory.getLogger(AgentApi.class);

  /**
   * An enrollment is a few hundred bytes, and anyone may send one before the secret is checked: the
   * reports' 4 MiB cap would let any caller make the collector read and parse 4 MiB.
   */
  static final int ENROLL_BODY_CAP = 16 * 1024;

  /** {@code nodeKey}: the key the enroller holds, its proof that the device is its own. */
  record EnrollRequest(String enrollSecret, Host host, String nodeKey) {
    /** The secret and the key never reach a log line or a stack trace. */
    @Override
    public String toString() {
      return "EnrollRequest[enrollSecret=<redacted>, host="
          + host
          + ", nodeKey="
          + (nodeKey == null ? null : "<redacted>")
          + "]";
    }
  }

  /** A snapshot's signature header, by the snapshot's etag. */
  private record SnapshotSignature(String etag, String header) {}

  private AgentApi() {}

  static List<Route> routes(Services s, Metrics metrics) {
    // A snapshot is megabytes and every agent downloads it: signed once per snapshot (this
    // collector's key is fixed for its life), not once per download.
    AtomicReference<SnapshotSignature> snapshotSignature = new AtomicReference<>();
    return List.of(
        Route.post(
            "/api/v1/enroll",
            OPEN,
            c -> {
              EnrollRequest e = c.body(EnrollRequest.class, ENROLL_BODY_CAP);
              Enrollment.Enrolled done =
                  s.enrollment().enroll(e.enrollSecret(), e.host(), e.nodeKey(), c.now);
              metrics.enrollments.inc();
              log.atInfo()
                  .addKeyValue("node", done.nodeId())
                  .addKeyValue("how", done.how())
                  .log("enrolled");
              // signingKey: the agent pins it and from then on applies only answers it signed.
              return c.ok(
                  Map.of(
                      "nodeId",
                      done.nodeId(),
                      "nodeKey",
                      done.nodeKey(),
                      "enrolled",
                      done.how(),
                      "signingKey",
                      s.signer().publicKeyBase64()));
            }),
        Route.post("/api/v1/reports", NODE, c -> report(s, metrics, c)),
        Route.get(
            "/api/v1/policy",
            NODE,
            c -> {
              long cursor = c.longParam("intelCursor", 0);
              String etag = s.policy().etag(cursor);
              if (etag.equals(c.request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
                c.response.setStatus(304);
                c.response.getHeaders().put(HttpHeader.ETAG, etag);
                c.response.write(true, null, c.callback);
                return 304;
              }
              var policy = s.policy().forAgent(cursor);
              c.response.getHeaders().put(HttpHeader.ETAG, policy.etag());
              return signed(s.signer(), c, policy);
            }),
        Route.get(
            "/api/v1/intel/snapshot",
            NODE,
            c -> {
              var snapshot = s.snapshots().latest().orElseThrow(ApiException::notFound);
              c.response.getHeaders().put(HttpHeader.ETAG, snapshot.etag());
              if (snapshot.etag().equals(c.request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
                c.response.setStatus(304);
                c.response.write(true, null, c.callback);
                return 304;
              }
              SnapshotSignature signature = snapshotSignature.get();
              if (signature == null || !signature.etag().equals(snapshot.etag())) {
                signature =
                    new SnapshotSignature(
                        snapshot.etag(), AnswerSignature.header(s.signer().sign(snapshot.body())));
                snapshotSignature.set(signature);
              }
              signatureHeaders(s.signer(), c, signature.header());
              HttpIo.send(c.response, 200, "application/gzip", snapshot.body(), c.callback);
              return 200;
            }));
  }

  /** 200 with a detached signature over the exact body bytes; the JSON is the same as unsigned. */
  private static int signed(SigningKey signer, Call c, Object body) throws java.io.IOException {
    byte[] bytes = dev.daylight.protocol.Json.mapper().writeValueAsBytes(body);
    sign(signer, c, bytes);
    HttpIo.send(c.response, 200, "application/json", bytes, c.callback);
    return 200;
  }

  private static void sign(SigningKey signer, Call c, byte[] bytes) {
    signatureHeaders(signer, c, AnswerSignature.header(signer.sign(bytes)));
  }

  private static void signatureHeaders(SigningKey signer, Call c, String signature) {
    c.response.getHeaders().put(AnswerSignature.HEADER, signature);
    c.response.getHeaders().put(AnswerSignature.KEY_ID_HEADER, signer.keyId());
    c.response.getHeaders().put(AnswerSignature.KEY_HEADER, signer.publicKeyBase64());
  }

  private static int report(Services s, Metrics metrics, Call c) throws Exception {
    Report r = c.body(RawEvents::read);
    if (!SchemaVersion.accepted(r.schemaVersion())) {
      throw ApiException.badRequest(
          "schema version "
              + r.schemaVersion()
              + " not accepted (current "
              + SchemaVersion.CURRENT
              + ")");
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
    if (r.nodeId() != null && !r.nodeId().equals(c.node())) {
      throw new ApiException(403, "report is for another node");
    }
    ReportIngest.Outcome outcome = s.ingest().ingest(c.node(), r, c.now);
    String word = outcome.name().toLowerCase(Locale.ROOT);
    metrics.reports.labelValues(word).inc();
    return c.ok(Map.of("reportId", r.reportId(), "status", word));
  }
}
