package dev.daylight.bench;

import static dev.daylight.collector.Fixtures.ADMIN;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.Collector;
import dev.daylight.collector.Fixtures;
import dev.daylight.collector.Http;
import dev.daylight.collector.store.Database;
import dev.daylight.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fleet query by capability class over a large fleet on PostgreSQL: the collector's bench
 * seeding (100,000 devices x 20 servers = 2 million server rows), every server given a class from
 * its package (github: source-control, filesystem: filesystem-write, postmark: email-send on 2% of
 * devices, playwright: http-fetch, tool-K the K-th class modulo ten), then each call runs {@code
 * RUNS} times and the p95 is printed. Runs only when asked: {@code -Dcapability.bench=1}.
 */
class CapabilityBench {
  private static final int RUNS = 200;

  @Test
  void theClassQueryOverTwoMillionServerRows() throws Exception {
    Assumptions.assumeTrue(
        System.getProperty("capability.bench") != null, "benchmark only with -Dcapability.bench=1");
    int devices = Integer.getInteger("capability.bench.devices", 100_000);
    int servers = Integer.getInteger("capability.bench.servers", 20);
    String spec = TestPostgres.get().newDatabase();
    try (Collector init = Collector.start(Fixtures.loopback(spec, 3600))) {
      // migrations only: the seed writes straight into the schema they create
    }
    Seed.main(new String[] {spec, Integer.toString(devices), Integer.toString(servers), "3"});
    try (Database db = Database.open(spec);
        Connection c = db.read();
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO server_capabilities (node_id, server_id, cap_class, evidence)"
              + " SELECT node_id, server_id, CASE server_name WHEN 'github' THEN 'source-control'"
              + " WHEN 'filesystem' THEN 'filesystem-write' WHEN 'postmark' THEN 'email-send'"
              + " WHEN 'playwright' THEN 'http-fetch' ELSE (ARRAY['email-send','messaging','http-fetch','filesystem-write',"
              + "'shell-exec','database','cloud-admin','source-control','payments','calendar-docs'])"
              + "[1 + (CAST(SUBSTR(server_name, 6) AS INTEGER) % 10)] END,"
              + " '{\"kind\":\"file\",\"file\":\"index.js\",\"line\":1,\"text\":\"seed\"}' FROM device_servers");
      st.execute("ANALYZE");
    }
    try (Collector col = Collector.start(Fixtures.loopback(spec, 3600))) {
      Http http = new Http(col.port());
      JsonNode page =
          http.get("/api/v1/fleet/servers?capability=http-fetch&limit=100", ADMIN).json();
      for (int i = 0; i < 300 && !page.get("next").isNull(); i++) {
        page =
            http.get(
                    "/api/v1/fleet/servers?capability=http-fetch&limit=100&cursor="
                        + page.get("next").asText(),
                    ADMIN)
                .json();
      }
      Map<String, String> calls = new LinkedHashMap<>();
      calls.put(
          "email-send (102,000 rows), first page",
          "/api/v1/fleet/servers?capability=email-send&limit=100");
      calls.put(
          "http-fetch (198,000 rows), first page",
          "/api/v1/fleet/servers?capability=http-fetch&limit=100");
      calls.put(
          "http-fetch, page 302 (cursor)",
          "/api/v1/fleet/servers?capability=http-fetch&limit=100&cursor="
              + page.get("next").asText());
      calls.put(
          "messaging (100,000 rows), first page",
          "/api/v1/fleet/servers?capability=messaging&limit=100");
      for (int i = 0; i < 20; i++) {
        for (String path : calls.values()) {
          http.get(path, ADMIN);
        }
      }
      StringBuilder out =
          new StringBuilder(
              String.format(
                  "capability bench: %,d devices, %,d server rows with a class;" + " load %s%n",
                  devices,
                  (long) devices * servers,
                  Files.readString(Path.of("/proc/loadavg")).trim()));
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
                "  %-40s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n",
                call.getKey(), ms[RUNS / 2], ms[(int) Math.ceil(RUNS * 0.95) - 1], ms[RUNS - 1]));
      }
      System.err.print(out);
      Files.writeString(Path.of("target", "capability-bench.txt"), out);
    }
  }
}
