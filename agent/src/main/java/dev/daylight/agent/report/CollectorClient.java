package dev.daylight.agent.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.AnswerSignature;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.Policy;
import dev.daylight.protocol.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** The agent side of the wire protocol: enroll, send a report (gzip), pull policy (ETag). */
final class CollectorClient {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{1,512}");

  /**
   * Largest policy answer read, counted after gzip is undone (OkHttp inflates it transparently, so
   * a few KB on the wire can be gigabytes). The collector sends intel in pages of 500 OSV records
   * beside the fleet's decisions; records are mostly a few KB, so a page of a large snapshot push
   * is a few MiB, and 16 MiB leaves room for pages of unusually large records. Past it the answer
   * is broken or hostile: the pull fails, is logged, and is tried again next round.
   */
  static final long POLICY_MAX_BYTES = 16L << 20;

  /** Largest intel snapshot read: the whole malicious-packages data set is a few MB of gzip. */
  static final long SNAPSHOT_MAX_BYTES = 64L << 20;

  /** An enrollment answer is two short tokens; an error page needs only its start. */
  static final long ENROLL_MAX_BYTES = 64L << 10;

  private static final long ERROR_PREFIX_BYTES = 4L << 10;

  /**
   * What an enrollment gave: {@code signingKey} is null from a collector that does not sign yet.
   */
  record Enrolled(String nodeId, String nodeKey, String signingKey) {
    /** The node key never reaches a log through this (the signing key is public). */
    @Override
    public String toString() {
      return "Enrolled[nodeId=" + nodeId + ", nodeKey=<redacted>, signingKey=" + signingKey + "]";
    }
  }

  /** A policy answer and the signing key it carried (null when unsigned). */
  record SignedPolicy(Policy policy, String signingKey) {}

  /** A policy answer that is not signed by the pinned key: nothing of it is applied. */
  static final class SignatureRefused extends IOException {
    private static final long serialVersionUID = 1L;

    SignatureRefused(String message) {
      super(message);
    }
  }

  /** How the collector answered one report. */
  enum Sent {
    /** 2xx: stored now or before (same id): either way, delivered. */
    DELIVERED,
    /** 401: the node key is unknown; sending again will not help until the agent enrolls again. */
    UNAUTHORIZED,
    /** Other 4xx: this report will never be accepted as it is. */
    REJECTED,
    /** No answer, 5xx, 429, a redirect (never followed): try again later. */
    RETRY
  }

  private final OkHttpClient http;
  private final URI base;

  CollectorClient(URI base, String caPem, String pin) {
    this.base = base;
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30))
            .writeTimeout(Duration.ofSeconds(30))
            .retryOnConnectionFailure(false)
            // A redirect is never followed: an https collector answering 307 to http:// on the same
            // host would otherwise get the node key and the inventory re-sent in clear.
            .followRedirects(false)
            .followSslRedirects(false);
    Tls.configure(b, caPem, pin);
    this.http = b.build();
  }

  static CollectorClient of(Credentials c) {
    return new CollectorClient(c.uri(), c.caPem(), c.pin());
  }

  Enrolled enroll(String secret, Host host) throws IOException {
    return enroll(secret, host, null);
  }

  /**
   * @param proof the node key this agent already holds for this collector, or null: the collector
   *     re-enrolls a known device only with it (or after an administrator allowed it)
   */
  Enrolled enroll(String secret, Host host, String proof) throws IOException {
    Map<String, Object> request =
        new java.util.HashMap<>(Map.of("enrollSecret", secret, "host", host));
    if (proof != null) {
      request.put("nodeKey", proof);
    }
    byte[] body = Json.mapper().writeValueAsBytes(request);
    Request r =
        new Request.Builder()
            .url(base + "/api/v1/enroll")
            .post(RequestBody.create(body, JSON))
            .build();
    try (Response res = http.newCall(r).execute()) {
      if (res.code() == 401) {
        throw new IOException("the collector refused the enrollment secret");
      }
      if (res.code() == 409) {
        throw new IOException(
            "the collector already has this device enrolled and this agent holds no key it"
                + " accepts: an administrator must allow the re-enrollment (POST /api/v1/devices/NODE/reenroll)");
      }
      if (res.isRedirect()) {
        throw new IOException(
            "enrollment failed: HTTP "
                + res.code()
                + " redirect, which is not followed:"
                + " give the collector's own https:// URL");
      }
      if (res.code() != 200) {
        throw new IOException(
            "enrollment failed: HTTP " + res.code() + " " + brief(start(res.body())));
      }
      JsonNode n =
          Json.mapper().readTree(capped(res.body(), ENROLL_MAX_BYTES, "enrollment").inputStream());
      if (!n.path("nodeId").isTextual() || !n.path("nodeKey").isTextual()) {
        // A proxy or another service answered 200: storing "null" as the key would fail every
        // delivery.
        throw new IOException(
            "the collector's answer has no node id and key: is the URL a Daylight collector?");
      }
      String nodeId = n.get("nodeId").asText();
      String nodeKey = n.get("nodeKey").asText();
      // Both end up in an HTTP header and on a terminal: a line break or an escape would break one
      // and could forge the other.
      if (!TOKEN.matcher(nodeId).matches() || !TOKEN.matcher(nodeKey).matches()) {
        throw new IOException(
            "the collector's node id or key is not a plain token: is the URL a Daylight collector?");
      }
      String signingKey = n.path("signingKey").isTextual() ? n.get("signingKey").asText() : null;
      if (signingKey != null && !validKey(signingKey)) {
        throw new IOException(
            "the collector's signing key is not an Ed25519 public key: is the URL a Daylight collector?");
      }
      return new Enrolled(nodeId, nodeKey, signingKey);
    }
  }

  Sent send(Report report, String nodeKey) {
    Request r;
    try {
      r =
          new Request.Builder()
              .url(base + "/api/v1/reports")
              .header("Authorization", "Bearer " + nodeKey)
              .header("Content-Encoding", "gzip")
              .post(RequestBody.create(gzip(Json.mapper().writeValueAsBytes(report)), JSON))
              .build();
    } catch (IOException e) {
      return Sent.REJECTED;
    }
    try (Response res = http.newCall(r).execute()) {
      int code = res.code();
      if (code >= 200 && code < 300) {
        return Sent.DELIVERED;
      }
      if (code == 401) {
        return Sent.UNAUTHORIZED;
      }
      if (code == 429 || code == 408 || code >= 500 || (code >= 300 && code < 400)) {
        // A redirect is not followed; the report stays queued until the collector answers itself.
        return Sent.RETRY;
      }
      return Sent.REJECTED;
    } catch (IOException e) {
      return Sent.RETRY;
    }
  }

  /**
   * Empty when the ETag still matches (304). With a pinned key, an answer that is unsigned or not
   * signed by it is refused ({@link SignatureRefused}) before anything of it is parsed.
   *
   * @param pinned the collector's signing key pinned at enrollment, or null (not pinned yet)
   */
  Optional<SignedPolicy> policy(String nodeKey, String etag, String intelCursor, String pinned)
      throws IOException {
    HttpUrl.Builder url = HttpUrl.get(base + "/api/v1/policy").newBuilder();
    if (intelCursor != null) {
      url.addQueryParameter("intelCursor", intelCursor); // the collector's text: encode it
    }
    Request.Builder b =
        new Request.Builder().url(url.build()).header("Authorization", "Bearer " + nodeKey);
    if (etag != null) {
      b.header("If-None-Match", etag);
    }
    try (Response res = http.newCall(b.build()).execute()) {
      if (res.code() == 304) {
        return Optional.empty();
      }
      if (res.code() == 401) {
        throw KeyRefused.from(start(res.body()));
      }
      if (res.code() != 200) {
        throw new IOException("policy pull failed: HTTP " + res.code());
      }
      byte[] body = capped(res.body(), POLICY_MAX_BYTES, "policy").readByteArray();
      String signature = res.header(AnswerSignature.HEADER);
      String offered = res.header(AnswerSignature.KEY_HEADER);
      String key = pinned;
      if (key == null && offered != null && validKey(offered)) {
        key = offered; // first signed answer of a collector an older agent enrolled with: pinned
        // below
      }
      if (key != null) {
        Optional<String> problem = AnswerSignature.problem(key, body, signature);
        if (problem.isPresent()) {
          String signer = res.header(AnswerSignature.KEY_ID_HEADER);
          throw new SignatureRefused(
              "policy answer refused: "
                  + problem.get()
                  + (signer == null ? "" : " (signed by key " + brief(signer) + ")")
                  + "; nothing applied, the previous policy is kept");
        }
      }
      return Optional.of(new SignedPolicy(Json.mapper().readValue(body, Policy.class), key));
    }
  }

  /**
   * The fleet's intel snapshot (gzip of the compact form) when it changed since {@code etag}; empty
   * on 304 or when the collector has none (404, also an older collector). It must be signed by
   * {@code pinned}: anything else is refused before a byte of it is used.
   *
   * @return the gzip bytes and their ETag
   */
  Optional<Map.Entry<byte[], String>> intelSnapshot(String nodeKey, String etag, String pinned)
      throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url(base + "/api/v1/intel/snapshot")
            .header("Authorization", "Bearer " + nodeKey);
    if (etag != null) {
      b.header("If-None-Match", etag);
    }
    try (Response res = http.newCall(b.build()).execute()) {
      if (res.code() == 304 || res.code() == 404) {
        return Optional.empty();
      }
      if (res.code() == 401) {
        throw KeyRefused.from(start(res.body()));
      }
      if (res.code() != 200) {
        throw new IOException("intel snapshot pull failed: HTTP " + res.code());
      }
      byte[] body = capped(res.body(), SNAPSHOT_MAX_BYTES, "intel snapshot").readByteArray();
      Optional<String> problem =
          AnswerSignature.problem(pinned, body, res.header(AnswerSignature.HEADER));
      if (problem.isPresent()) {
        throw new SignatureRefused(
            "intel snapshot refused: " + problem.get() + "; nothing imported");
      }
      // No ETag: an empty mark, never the text "null" sent back as If-None-Match.
      return Optional.of(
          Map.entry(body, java.util.Objects.requireNonNullElse(res.header("ETag"), "")));
    }
  }

  private static boolean validKey(String base64) {
    try {
      AnswerSignature.publicKey(base64);
      return true;
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * 401: the collector does not accept the node key; it may say why and whether to enroll again.
   */
  static final class KeyRefused extends IOException {
    private static final long serialVersionUID = 1L;
    final boolean reenrollAllowed;

    private KeyRefused(String message, boolean reenrollAllowed) {
      super(message);
      this.reenrollAllowed = reenrollAllowed;
    }

    static KeyRefused from(String body) {
      String reason = null;
      boolean allowed = false;
      try {
        JsonNode n = Json.mapper().readTree(body);
        reason = n.path("reason").isTextual() ? n.get("reason").asText() : null;
        allowed = "allowed".equals(n.path("reenroll").asText());
      } catch (IOException | RuntimeException e) {
        // an answer that is not ours: no reason to show
      }
      return new KeyRefused(
          "the collector no longer accepts this node key"
              + (reason == null ? "" : " (" + brief(reason) + ")"),
          allowed);
    }
  }

  /** The decoded body, buffered whole only when it is at most {@code max} bytes. */
  private static BufferedSource capped(ResponseBody body, long max, String what)
      throws IOException {
    BufferedSource src = body.source();
    if (body.contentLength() > max || src.request(max + 1)) {
      throw new IOException(
          what
              + " answer larger than "
              + (max >= 1 << 20 ? (max >> 20) + " MiB" : (max >> 10) + " KiB")
              + " (decoded): not read");
    }
    return src;
  }

  /** The first few KB of an error answer, for the message. */
  private static String start(ResponseBody body) throws IOException {
    BufferedSource src = body.source();
    src.request(ERROR_PREFIX_BYTES);
    return src.getBuffer().readUtf8(Math.min(ERROR_PREFIX_BYTES, src.getBuffer().size()));
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  /**
   * A collector's (or an impostor's) text as it may reach a terminal: short, no control characters.
   */
  static String brief(String s) {
    String shown = s.length() > 200 ? s.substring(0, 200) : s;
    return shown.replaceAll("\\p{Cntrl}", " ").strip();
  }
}
