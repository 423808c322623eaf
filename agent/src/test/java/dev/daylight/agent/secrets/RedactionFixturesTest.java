package dev.daylight.agent.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every secret form of {@code redaction-fixtures.json}: webhook and token path segments, password
 * flags and their {@code =} forms, JSON and query strings passed as one argument. The canary never
 * survives; the host and the parts that are not secret do.
 */
class RedactionFixturesTest {
  private final Redactor plain = Redactor.withKey(Optional.empty());

  @TestFactory
  Stream<DynamicTest> eachFixture() throws Exception {
    JsonNode cases;
    try (InputStream in = getClass().getResourceAsStream("redaction-fixtures.json")) {
      cases = Json.mapper().readTree(in).path("cases");
    }
    assertThat(cases.size()).isGreaterThanOrEqualTo(10);
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> check(c)));
    }
    return tests.stream();
  }

  private void check(JsonNode c) {
    ServerSecrets s = plain.forServer();
    String out;
    if (c.has("url")) {
      out = s.url(c.path("url").asText());
      assertThat(out).isEqualTo(c.path("expect").asText());
    } else {
      List<String> red = s.args(strings(c.path("args")));
      assertThat(red).containsExactlyElementsOf(strings(c.path("expectArgs")));
      out = String.join(" ", red);
    }
    for (String canary : strings(c.path("canaries"))) {
      assertThat(out).doesNotContain(canary);
    }
    assertThat(s.fingerprints()).containsOnlyKeys(strings(c.path("fingerprints")));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
