package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The collector accepts and the console words exactly the capability classes the agent reports, in
 * the agent's words ("Can send email"): both read their own data file (the collector never loads
 * the agent), so a class added on one side only fails here.
 */
class ConsoleCapabilityClassesTest {
  private static Map<String, String> labels(String resource) throws Exception {
    try (InputStream in = ConsoleCapabilityClassesTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Map<String, String> out = new LinkedHashMap<>();
      Json.mapper()
          .readTree(in)
          .get("classes")
          .forEach((JsonNode c) -> out.put(c.get("class").asText(), c.get("label").asText()));
      return out;
    }
  }

  @Test
  void theCollectorKnowsEveryClassTheAgentReportsInTheAgentsWords() throws Exception {
    Map<String, String> agent = labels("/dev/daylight/agent/capability/classes.json");
    Map<String, String> console = labels("/dashboard/capabilities.json");
    assertThat(agent).hasSize(10);
    assertThat(console).containsExactlyEntriesOf(agent);
  }
}
