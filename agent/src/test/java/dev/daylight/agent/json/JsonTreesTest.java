package dev.daylight.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.daylight.protocol.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * JsonTrees stands in for {@code ObjectMapper.readTree}: same trees, same node types, same
 * failures.
 */
class JsonTreesTest {
  private static final String JSON =
      "{\"s\": \"t\\u00e4xt\", \"i\": 7, \"l\": 9000000000,"
          + " \"big\": 123456789012345678901234567890, \"f\": 1.5, \"e\": -2e3, \"t\": true, \"n\": null,"
          + " \"a\": [1, [], {}, \"x\"], \"o\": {\"deep\": {\"er\": [false]}}}";

  @Test
  void buildsTheTreeTheMapperBuilds() throws IOException {
    byte[] bytes = JSON.getBytes(StandardCharsets.UTF_8);
    JsonNode expected = Json.mapper().readTree(bytes);
    JsonNode tree = JsonTrees.read(bytes);
    assertThat(tree).isEqualTo(expected);
    assertThat(JsonTrees.read(new ByteArrayInputStream(bytes))).isEqualTo(expected);
    // equal trees could still hold other node classes (IntNode against DecimalNode): compare those
    // too
    assertThat(tree.get("i").getClass()).isEqualTo(expected.get("i").getClass());
    assertThat(tree.get("l").getClass()).isEqualTo(expected.get("l").getClass());
    assertThat(tree.get("big").getClass()).isEqualTo(expected.get("big").getClass());
    assertThat(tree.get("f").getClass()).isEqualTo(expected.get("f").getClass());
  }

  @Test
  void emptyInputIsMissingAsForTheMapper() throws IOException {
    assertThat(JsonTrees.read(new byte[0]).isMissingNode()).isTrue();
    assertThat(JsonTrees.read("  \n".getBytes(StandardCharsets.UTF_8)).isMissingNode()).isTrue();
    assertThat(Json.mapper().readTree(new byte[0]).isMissingNode()).isTrue();
  }

  @Test
  void malformedAndTruncatedInputFail() {
    assertThatThrownBy(() -> JsonTrees.read("{\"a\": [1, 2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonTrees.read("{\"a\" 1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void readsTomlAsTheTomlMapperDoes() throws IOException {
    String toml =
        "[mcp_servers.docs]\ncommand = \"npx\"\nargs = [\"-y\", \"docs-mcp\", 1.0, 100.0, 2.50]\n"
            + "startup_timeout_sec = 20\nratio = 0.5\nenabled = false\nwhen = 1979-05-27T07:32:00Z\n"
            + "[mcp_servers.docs.env]\nK = \"v\"\n";
    JsonNode tree;
    try (JsonParser p = new TomlFactory().createParser(toml)) {
      tree = JsonTrees.read(p);
    }
    JsonNode expected = new TomlMapper().readTree(toml);
    assertThat(tree).isEqualTo(expected);
    // Equal decimals can still print differently (1.0 against 1); args are read as text.
    assertThat(tree.toString()).isEqualTo(expected.toString());
    assertThat(tree.at("/mcp_servers/docs/args/2").asText())
        .isEqualTo(expected.at("/mcp_servers/docs/args/2").asText());
    assertThat(tree.at("/mcp_servers/docs/args/1").asText()).isEqualTo("docs-mcp");
  }
}
