package dev.daylight.bench;

import static dev.daylight.collector.Fixtures.ADMIN;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.Collector;
import dev.daylight.collector.Fixtures;
import dev.daylight.collector.Http;
import dev.daylight.testing.TestPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's API calls over a large fleet on PostgreSQL: the collector's bench seeding fills
 * {@code console.bench.devices} devices (100,000) with {@code console.bench.servers} servers each
 * (20: 2 million rows) and 3 open findings each, then every page's call runs {@code RUNS} times and
 * the p95 is printed. Runs only when asked: {@code -Dconsole.bench=1} (see docs/PERFORMANCE.md).
 */
class ConsoleBench {
  private static final int RUNS = 200;

  /** The SQLite file (about 800 MB at 100,000 devices), removed after the run. */
  @TempDir java.nio.file.Path tmp;

  @Test
  void everyPagesCallOverAHundredThousandDevices() throws Exception {
    Assumptions.assumeTrue(
        System.getProperty("console.bench") != null, "benchmark only with -Dconsole.bench=1");
    int devices = Integer.getInteger("console.bench.devices", 100_000);
    int servers = Integer.getInteger("console.bench.servers", 20);
    // -Dconsole.bench.db=sqlite runs the same calls on a SQLite file (a team's collector).
    String spec =
        "sqlite".equals(System.getProperty("console.bench.db"))
            ? "sqlite:" + tmp.resolve("fleet.db")
            : TestPostgres.get().newDatabase();
    try (Collector init = Collector.start(Fixtures.loopback(spec, 3600))) {
      // migrations only: the seed writes straight into the schema they create
    }
    Seed.main(new String[] {spec, Integer.toString(devices), Integer.toString(servers), "3"});
    try (Collector c = Collector.start(Fixtures.loopback(spec, 3600))) {
      Http http = new Http(c.port());
      long t0 = System.nanoTime();
      http.get("/api/v1/fleet/packages?view=versions", ADMIN);
      double countMs = (System.nanoTime() - t0) / 1e6;
      JsonNode first = http.get("/api/v1/devices?limit=100", ADMIN).json();
      String node = first.get("devices").get(50).get("nodeId").asText();
      JsonNode deep = first;
      int deepPages = Math.max(0, Math.min(500, devices / 100 - 2));
      for (int i = 0; i < deepPages; i++) {
        deep =
            http.get("/api/v1/devices?limit=100&cursor=" + deep.get("next").asText(), ADMIN).json();
      }
      String deepCursor = deep.get("next").asText();
      String findingsCursor =
          http.get("/api/v1/findings?limit=100", ADMIN).json().get("next").asText();
      String pm = URLEncoder.encode("pkg:npm/postmark-mcp", StandardCharsets.UTF_8);
      Map<String, String> calls = new LinkedHashMap<>();
      calls.put("overview", "/api/v1/overview");
      calls.put("devices, first page", "/api/v1/devices?limit=100");
      calls.put(
          "devices, page " + (deepPages + 2) + " (cursor)",
          "/api/v1/devices?limit=100&cursor=" + deepCursor);
      calls.put("devices, search", "/api/v1/devices?limit=100&q=host-9999");
      calls.put("devices, with a critical finding", "/api/v1/devices?limit=100&severity=critical");
      calls.put(
          "devices, not seen in 7 days",
          "/api/v1/devices?limit=100&seenBefore=" + (System.currentTimeMillis() - 7 * 86_400_000L));
      calls.put("device", "/api/v1/devices/" + node);
      calls.put("device timeline", "/api/v1/devices/" + node + "/timeline?limit=50");
      calls.put("findings, worst first", "/api/v1/findings?limit=100");
      calls.put("findings, next page", "/api/v1/findings?limit=100&cursor=" + findingsCursor);
      calls.put("findings, high only", "/api/v1/findings?limit=100&severity=high");
      calls.put("findings, one package", "/api/v1/findings?limit=100&purl=pkg:npm/seed-tool-4");
      calls.put("packages", "/api/v1/fleet/packages?view=versions&limit=100");
      calls.put("packages, search", "/api/v1/fleet/packages?view=versions&limit=100&q=postmark");
      calls.put("package versions", "/api/v1/fleet/packages?view=versions&purl=" + pm);
      calls.put(
          "version -> devices (1.0.16)",
          "/api/v1/fleet/packages?purl=" + pm + "&range=%3D1.0.16&limit=100");
      calls.put(
          "incident >=1.0.15",
          "/api/v1/fleet/packages?purl=" + pm + "&range=%3E%3D1.0.15&limit=100");
      calls.put("policy", "/api/v1/admin/policy");
      for (int i = 0; i < 20; i++) {
        for (String path : calls.values()) {
          http.get(path, ADMIN);
        }
      }
      StringBuilder out =
          new StringBuilder(
              String.format(
                  "console bench ("
                      + spec.substring(0, spec.indexOf(':'))
                      + "): %,d devices, %,d server rows, %,d findings;"
                      + " package count snapshot %.0f ms; load %s%n",
                  devices,
                  (long) devices * servers,
                  devices * 3L,
                  countMs,
                  Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim()));
      for (var call : calls.entrySet()) {
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
          long s = System.nanoTime();
          Http.Answer a = http.get(call.getValue(), ADMIN);
          ms[i] = (System.nanoTime() - s) / 1e6;
          if (a.status() != 200) {
            throw new AssertionError(call.getKey() + ": HTTP " + a.status() + " " + a.body());
          }
        }
        Arrays.sort(ms);
        out.append(
            String.format(
                "  %-34s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n",
                call.getKey(), ms[RUNS / 2], ms[(int) Math.ceil(RUNS * 0.95) - 1], ms[RUNS - 1]));
      }
      System.err.print(out);
      Files.writeString(java.nio.file.Path.of("target", "console-bench.txt"), out);
    }
  }
}
