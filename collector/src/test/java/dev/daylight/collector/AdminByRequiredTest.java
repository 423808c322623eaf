package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every administrator's change says who made it ({@code by}), checked in one place: each route
 * refuses a missing, overlong or unprintable {@code by} with the same words, and changes nothing.
 */
class AdminByRequiredTest {
  private static final String SHAPE =
      "by \\(who [a-z ]+\\) is required: at most 200 printable characters";

  @TempDir Path tmp;
  Collector collector;
  Http http;

  @BeforeEach
  void start() throws Exception {
    collector = Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 900));
    http = new Http(collector.port());
  }

  @AfterEach
  void stop() throws Exception {
    collector.close();
  }

  @Test
  void everyAdminChangeRefusesAMissingByWithTheSameWordsAndChangesNothing() {
    String before = state();
    for (Map<String, Object> by :
        List.of(
            Map.<String, Object>of(),
            Map.<String, Object>of("by", " "),
            Map.<String, Object>of("by", "x".repeat(201)),
            Map.<String, Object>of("by", "sec\nforged log line"))) {
      List<Function<Map<String, Object>, Http.Answer>> changes =
          List.of(
              b ->
                  http.post(
                      "/api/v1/admin/policy",
                      ADMIN,
                      with(
                          b,
                          "subject",
                          "pkg:npm/postmark-mcp",
                          "allVersions",
                          true,
                          "decision",
                          "denied",
                          "reason",
                          "bcc")),
              b -> http.put("/api/v1/admin/guard", ADMIN, with(b, "mode", "enforce")),
              b ->
                  http.put(
                      "/api/v1/admin/approval-classes",
                      ADMIN,
                      with(b, "classes", List.of("email-send"), "reason", "mail")),
              b -> http.post("/api/v1/devices/some-node/reenroll", ADMIN, with(b, "hours", 2)),
              b -> http.put("/api/v1/devices/some-node/owner", ADMIN, with(b, "owner", "ann")),
              b ->
                  http.put(
                      "/api/v1/admin/intel/snapshot"
                          + (b.containsKey("by")
                              ? "?by=" + URLEncoder.encode((String) b.get("by"), UTF_8)
                              : ""),
                      ADMIN,
                      new byte[] {1, 2, 3}));
      for (var change : changes) {
        Http.Answer a = change.apply(by);
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("error").asText()).matches(SHAPE);
      }
    }
    assertThat(state()).isEqualTo(before);
  }

  private static Map<String, Object> with(Map<String, Object> by, Object... fields) {
    Map<String, Object> out = new HashMap<>(by);
    for (int i = 0; i < fields.length; i += 2) {
      out.put((String) fields[i], fields[i + 1]);
    }
    return out;
  }

  private String state() {
    return http.get("/api/v1/admin/policy", ADMIN).body()
        + http.get("/api/v1/admin/guard", ADMIN).body()
        + http.get("/api/v1/admin/approval-classes", ADMIN).body()
        + http.get("/api/v1/admin/enrollments", ADMIN).body();
  }
}
