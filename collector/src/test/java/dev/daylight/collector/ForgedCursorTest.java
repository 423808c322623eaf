package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cursor is opaque, but anyone holding the admin token can send one it never got: nulls, numbers
 * where the list keys on text and the other way round must be a clear 4xx on every paged list,
 * never a failed query (500).
 */
class ForgedCursorTest {
  private static final List<String> LISTS =
      List.of(
          "/api/v1/devices",
          "/api/v1/findings",
          "/api/v1/fleet/servers",
          "/api/v1/fleet/servers?capability=email-send",
          "/api/v1/fleet/packages",
          "/api/v1/fleet/packages?view=versions",
          "/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp",
          "/api/v1/admin/policy");

  @TempDir Path tmp;

  @Test
  void aForgedCursorIsABadRequestOnEveryList() throws Exception {
    try (Collector collector =
        Collector.start(Fixtures.loopback("sqlite:" + tmp.resolve("c.db"), 3600))) {
      Http http = new Http(collector.port());
      String device =
          http.post(
                  "/api/v1/enroll",
                  null,
                  java.util.Map.of(
                      "enrollSecret", Fixtures.SECRET, "host", Fixtures.host("a", "ann")))
              .json()
              .get("nodeId")
              .asText();
      List<String> lists =
          java.util.stream.Stream.concat(
                  LISTS.stream(),
                  java.util.stream.Stream.of("/api/v1/devices/" + device + "/timeline"))
              .toList();
      List<String> forged =
          List.of(
              "[null,null]",
              "[1,2]",
              "[\"a\",\"b\"]",
              "[null,null,null]",
              "[\"a\",1,2]",
              "[1,\"a\",\"b\"]",
              "[null,null,null,null]",
              "[\"a\",\"b\",1,2]",
              "[1,2,3,4]",
              "{}",
              "\"x\"");
      for (String list : lists) {
        for (String key : forged) {
          String cursor =
              Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(key.getBytes(StandardCharsets.UTF_8));
          Http.Answer a =
              http.get(list + (list.contains("?") ? "&" : "?") + "cursor=" + cursor, ADMIN);
          assertThat(a.status()).as(list + " with cursor " + key + ": " + a.body()).isLessThan(500);
          if (key.contains("null") && !list.contains("purl=")) {
            assertThat(a.status()).as(list + " with cursor " + key).isEqualTo(400);
          }
        }
      }
    }
  }
}
