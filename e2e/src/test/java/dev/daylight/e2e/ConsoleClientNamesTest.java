package dev.daylight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console shows client names, not ids, from its own data file (the collector never loads the
 * agent): every client the agent's catalog knows must be named there, as the catalog names it.
 */
class ConsoleClientNamesTest {
  private static JsonNode read(String resource) throws Exception {
    try (InputStream in = ConsoleClientNamesTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return Json.mapper().readTree(in);
    }
  }

  @Test
  void theConsoleNamesEveryClientTheAgentCatalogKnows() throws Exception {
    Map<String, String> catalog = new LinkedHashMap<>();
    read("/dev/daylight/agent/catalog/clients.json")
        .get("clients")
        .forEach(c -> catalog.put(c.get("id").asText(), c.get("name").asText()));
    JsonNode console = read("/dashboard/clients.json").get("clients");
    assertThat(catalog).isNotEmpty();
    catalog.forEach(
        (id, name) ->
            assertThat(console.path(id).asText()).as("console name of " + id).isEqualTo(name));
  }
}
