package dev.daylight.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.Fixtures;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event bodies are kept as the agent's own JSON text and still give the same rows. */
class RawEventsTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eventBodiesAreTheExactTextSentAndStillReadAsRecords() throws IOException {
    McpServer server = Fixtures.server("cursor", "pöstmark ✉", "postmark-mcp", "1.0.16");
    String after = "{ \"id\" : \"x\",\n  \"nested\": {\"a\": [1, 2, {\"b\": \"}\"}]} }";
    String serverJson = Json.mapper().writeValueAsString(server);
    String body =
        "{\"schemaVersion\":1,\"reportId\":\"r1\",\"kind\":\"delta\",\"events\":["
            + "{\"id\":\"e1\",\"type\":\"finding-resolved\",\"at\":\"2026-11-25T10:00:00Z\",\"before\": "
            + after
            + ",\"after\":null},"
            + "{\"id\":\"e2\",\"type\":\"server-added\",\"at\":\"2026-11-25T10:00:01Z\",\"after\":  "
            + serverJson
            + " ,\"before\":\"just text\"}]}";
    Report r = RawEvents.read(utf8(body));
    ChangeEvent resolved = r.events().get(0);
    ChangeEvent added = r.events().get(1);
    assertThat(RawEvents.text(resolved.before())).isEqualTo(after);
    assertThat(RawEvents.text(resolved.after())).isEqualTo("null");
    assertThat(RawEvents.tree(resolved.before()).get("id").asText()).isEqualTo("x");
    assertThat(RawEvents.text(added.after())).isEqualTo(serverJson);
    assertThat(RawEvents.isObject(added.after())).isTrue();
    assertThat(RawEvents.read(added.after(), McpServer.class)).isEqualTo(server);
    assertThat(RawEvents.isObject(added.before())).isFalse();
    assertThat(RawEvents.text(added.before())).isEqualTo("\"just text\"");
  }

  @Test
  void rowsAreThoseTheTreeGaveApartFromTheTextsLayout() throws IOException {
    McpServer server = Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16");
    Report sent = Fixtures.delta("node-1", List.of(Fixtures.serverAdded(server)));
    byte[] body = Json.mapper().writeValueAsBytes(sent);
    long now =
        System.currentTimeMillis(); // the report's times must be before it, give or take a day
    ReportRows viaTree = ReportRows.of("node-1", Json.mapper().readValue(body, Report.class), now);
    ReportRows viaText = ReportRows.of("node-1", RawEvents.read(body), now);
    assertThat(viaText.report()).isEqualTo(viaTree.report());
    assertThat(viaText.ops()).hasSize(1);
    assertThat(((ReportRows.ServerUpsert) viaText.ops().get(0)).row())
        .isEqualTo(((ReportRows.ServerUpsert) viaTree.ops().get(0)).row());
    Object[] eventTree = viaTree.events().get(0);
    Object[] eventText = viaText.events().get(0);
    for (int i = 0; i < eventTree.length; i++) {
      if (i >= 9 && eventTree[i] != null) {
        JsonNode a = Json.mapper().readTree((String) eventTree[i]);
        assertThat(Json.mapper().readTree((String) eventText[i])).isEqualTo(a);
      } else {
        assertThat(eventText[i]).isEqualTo(eventTree[i]);
      }
    }
  }

  @Test
  void aTruncatedBodyIsRefused() {
    assertThatThrownBy(
            () ->
                RawEvents.read(
                    utf8(
                        "{\"schemaVersion\":1,\"reportId\":\"r1\",\"kind\":\"delta\",\"events\":[{\"id\":\"e1\",\"type\":\"x\","
                            + "\"at\":\"2026-11-25T10:00:00Z\",\"after\":{\"a\":[1,2")))
        .isInstanceOf(IOException.class);
  }
}
