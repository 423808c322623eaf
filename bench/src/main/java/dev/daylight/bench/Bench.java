package dev.daylight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.ChangeType;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Simulated agents against a running collector on loopback (run by {@code bench/bench-collector}).
 * {@code load}: closed loop, N workers posting gzip delta reports as fast as answered; {@code
 * rate}: open loop at a fixed rate, latency measured from each request's scheduled time so a stall
 * counts against the collector; {@code query}: the incident query, timed.
 */
public final class Bench {
  private static final PrintStream OUT = System.out;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Instant MARK = Instant.parse("2001-02-03T04:05:06.789Z");
  private static final String MARK_TEXT = MARK.toString();
  private static final String ID_R = "@report-id@";
  private static final String ID_E1 = "@event-1@";
  private static final String ID_E2 = "@event-2@";
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final ThreadLocal<Deflater> DEFLATER =
      ThreadLocal.withInitial(() -> new Deflater(6, true));
  private final Map<String, String> templates = new ConcurrentHashMap<>();
  private final String base;

  private Bench(String base) {
    this.base = base;
  }

  record Agent(String nodeId, String key, McpServer server) {
    /** The node key never reaches a log line. */
    @Override
    public String toString() {
      return "Agent[nodeId=" + nodeId + ", key=<redacted>, server=" + server.name() + "]";
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      OUT.println(
          "usage: Bench prepare URL SECRET AGENTS FILE COUNT... | rate URL FILE RATE SECONDS CONNECTIONS"
              + " | query URL ADMIN PURL RANGE RUNS | wait URL");
      System.exit(2);
    }
    Bench b = new Bench(args[1]);
    switch (args[0]) {
      case "prepare" ->
          b.prepare(
              b.agents(args[2], Integer.parseInt(args[3])),
              args[4],
              Arrays.stream(args, 5, args.length).mapToInt(Integer::parseInt).toArray());
      case "rate" ->
          OpenLoop.run(
              URI.create(args[1]),
              Path.of(args[2]),
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]),
              Integer.parseInt(args[5]));
      case "query" -> b.query(args[2], args[3], args[4], Integer.parseInt(args[5]));
      case "wait" -> b.awaitHealthy();
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private void awaitHealthy() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (client
                .send(
                    HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("collector at " + base + " did not become healthy");
  }

  /**
   * Enrolls {@code n} agents, each sending its first snapshot; eight at a time, as this is not
   * timed.
   */
  private List<Agent> agents(String secret, int n) throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Agent>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = i;
        futures.add(pool.submit(() -> agent(secret, id)));
      }
      List<Agent> out = new ArrayList<>();
      for (var f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  private Agent agent(String secret, int i) throws Exception {
    Host host =
        new Host(
            "bench-" + UUID.randomUUID(),
            "bench-host-" + i,
            "linux",
            "Debian 12",
            "x86_64",
            "user" + i,
            null);
    JsonNode r =
        Json.mapper()
            .readTree(
                post(
                        "/api/v1/enroll",
                        null,
                        Json.mapper()
                            .writeValueAsBytes(Map.of("enrollSecret", secret, "host", host)))
                    .body());
    McpServer server = server(i, "1.0.15");
    Agent a = new Agent(r.get("nodeId").asText(), r.get("nodeKey").asText(), server);
    Inventory inv =
        Inventory.builder()
            .schemaVersion(SchemaVersion.CURRENT)
            .scanId(UUID.randomUUID().toString())
            .startedAt(Instant.now())
            .finishedAt(Instant.now())
            .host(host)
            .servers(List.of(server))
            .build();
    expectOk(
        post(
            "/api/v1/reports",
            a.key(),
            gzip(
                Json.mapper()
                    .writeValueAsBytes(
                        new Report(
                            SchemaVersion.CURRENT,
                            UUID.randomUUID().toString(),
                            a.nodeId(),
                            Instant.now(),
                            ReportKind.SNAPSHOT,
                            inv,
                            List.of(),
                            null)))));
    return a;
  }

  private static McpServer server(int i, String version) {
    return McpServer.builder()
        .id("srv-" + i)
        .client("cursor")
        .scope(Scope.USER)
        .configPath("/home/user" + i + "/.cursor/mcp.json")
        .line(4)
        .name("postmark")
        .transport(Transport.STDIO)
        .command("npx")
        .args(List.of("-y", "postmark-mcp@" + version))
        .enabled(true)
        .envKeys(List.of("POSTMARK_SERVER_TOKEN"))
        .pkg(
            new PackageRef(
                "pkg:npm/postmark-mcp@" + version,
                "npm",
                "postmark-mcp",
                version,
                true,
                "command-pin"))
        .secretFingerprints(Map.of("env.POSTMARK_SERVER_TOKEN", "<redacted:3f9a1c2b>"))
        .build();
  }

  /**
   * A typical hourly delta: one server changed version, one finding opened. Its JSON is built once
   * per agent and version; each request only fills in fresh ids and the time and deflates, so the
   * load generator, which shares the cores with the collector, spends its CPU on sending.
   */
  private byte[] delta(Agent a) throws IOException {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    String version = "1.0." + rnd.nextInt(10, 30);
    String template =
        templates.computeIfAbsent(a.nodeId() + " " + version, k -> template(a, version));
    String body =
        template
            .replace(ID_R, uuid(rnd))
            .replace(ID_E1, uuid(rnd))
            .replace(ID_E2, uuid(rnd))
            .replace(MARK_TEXT, Instant.now().toString());
    return gzip(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String template(Agent a, String version) {
    McpServer after = server(0, version);
    after =
        after.toBuilder()
            .id(a.server().id())
            .configPath(a.server().configPath())
            .url(null)
            .enabled(true)
            .headerKeys(List.of())
            .proxiedUrl(null)
            .osUser(null)
            .approval(null)
            .blockedBy(null)
            .build();
    Finding f =
        new Finding(
            "unapproved:" + a.server().id() + ":" + version,
            "unapproved-version",
            Severity.MEDIUM,
            "postmark-mcp changed to " + version + " and is not reviewed",
            a.server().id(),
            after.pkg().purl(),
            null,
            null,
            "review the new version",
            null);
    List<ChangeEvent> events =
        List.of(
            new ChangeEvent(
                ID_E1,
                ChangeType.SERVER_CHANGED,
                MARK,
                null,
                a.server().id(),
                after.pkg().purl(),
                null,
                "postmark-mcp now " + version,
                null,
                Json.mapper().valueToTree(after)),
            new ChangeEvent(
                ID_E2,
                ChangeType.FINDING_OPENED,
                MARK,
                null,
                a.server().id(),
                after.pkg().purl(),
                f.id(),
                f.title(),
                null,
                Json.mapper().valueToTree(f)));
    try {
      String json =
          Json.mapper()
              .writeValueAsString(
                  new Report(
                      SchemaVersion.CURRENT,
                      ID_R,
                      a.nodeId(),
                      MARK,
                      ReportKind.DELTA,
                      null,
                      events,
                      null));
      if (!json.contains("\"" + MARK_TEXT + "\"")) {
        throw new IllegalStateException("instants are not written as ISO text: " + json);
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String uuid(ThreadLocalRandom rnd) {
    return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
  }

  /**
   * Writes {@code counts[i]} distinct delta reports, each as a complete HTTP/1.1 request, to {@code
   * FILE.i} (see {@link PreparedRequests}). The load tools then only send bytes: building and
   * deflating JSON while timing would spend the cores the collector is measured on.
   */
  private void prepare(List<Agent> agents, String file, int[] counts) throws IOException {
    URI uri = URI.create(base);
    String host = uri.getHost() + ":" + uri.getPort();
    int next = 0;
    for (int f = 0; f < counts.length; f++) {
      try (PreparedRequests.Writer out = PreparedRequests.writer(Path.of(file + "." + f))) {
        for (int i = 0; i < counts[f]; i++) {
          Agent a = agents.get(next++ % agents.size());
          out.add(PreparedRequests.post(host, "/api/v1/reports", a.key(), delta(a)));
        }
      }
    }
  }

  private void query(String admin, String purl, String range, int runs) throws Exception {
    String path =
        "/api/v1/fleet/packages?purl="
            + java.net.URLEncoder.encode(purl, "UTF-8")
            + (range.isEmpty() ? "" : "&range=" + java.net.URLEncoder.encode(range, "UTF-8"));
    // The first answer (a cold collector) is reported on its own; the median is of the runs after
    // as many unmeasured ones, as a collector that has served for a while answers.
    long[] lat = new long[runs];
    long first = 0;
    int devices = 0;
    for (int i = -runs; i < runs; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Authorization", "Bearer " + admin)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long took = System.nanoTime() - t0;
      expectOk(r);
      if (i == -runs) {
        first = took;
      } else if (i >= 0) {
        lat[i] = took;
      }
      devices = Json.mapper().readTree(r.body()).get("devices").size();
    }
    Arrays.sort(lat);
    OUT.printf(
        "incident query %s %s: %d devices matched; first %.1f ms, then median %.1f ms, max %.1f ms"
            + " over %d runs after %d unmeasured%n",
        purl, range, devices, first / 1e6, pct(lat, 50), lat[lat.length - 1] / 1e6, runs, runs - 1);
  }

  static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)]
        / 1e6;
  }

  private HttpRequest request(String path, String key, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key).header("Content-Encoding", "gzip");
    }
    return b.build();
  }

  private HttpResponse<String> post(String path, String key, byte[] body) throws Exception {
    return client.send(request(path, key, body), HttpResponse.BodyHandlers.ofString());
  }

  private static void expectOk(HttpResponse<String> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
    }
  }

  /**
   * gzip with one reused deflater per thread (a new one per body costs more than the deflating).
   */
  private static byte[] gzip(byte[] raw) {
    Deflater d = DEFLATER.get();
    d.reset();
    d.setInput(raw);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 32);
    out.write(GZIP_HEADER, 0, GZIP_HEADER.length);
    byte[] buf = new byte[4096];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    CRC32 crc = new CRC32();
    crc.update(raw);
    writeIntLe(out, (int) crc.getValue());
    writeIntLe(out, raw.length);
    return out.toByteArray();
  }

  private static void writeIntLe(ByteArrayOutputStream out, int v) {
    for (int i = 0; i < 4; i++) {
      out.write(v >>> (8 * i));
    }
  }
}
