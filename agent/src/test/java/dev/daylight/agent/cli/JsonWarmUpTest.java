package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After the warm-up, printing a real scan's inventory builds no serializer on the main thread. */
class JsonWarmUpTest {
  @TempDir Path home;

  private void write(String relative, String text) throws Exception {
    Path p = home.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private Inventory realScan() throws Exception {
    write(".cursor/mcp.json", """
        {"mcpServers": {
          "pm": {"command": "npx", "args": ["-y", "postmark-mcp@1.0.16"], "env": {"POSTMARK_TOKEN": "abc"}},
          "gh": {"url": "https://api.example.com/mcp?token=x", "headers": {"Authorization": "Bearer y"}},
          "fs": {"command": "npx", "args": ["@modelcontextprotocol/server-filesytem", "/"]}}}""");
    write(".gemini/settings.json", "{\"mcpServers\": ");
    write("code/p/.mcp.json", "{\"mcpServers\":{\"d\":{\"command\":\"docker\",\"args\":[\"run\",\"-i\",\"e/d\"]}}}");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), "scan", "--home", home.toString(),
        "--os", "linux", "--format", "json", "--no-host", "--no-store");
    assertThat(exit).as(err.toString()).isZero();
    return Json.mapper().readValue(out.toString(), Inventory.class);
  }

  private static int cached(ObjectMapper mapper) {
    return ((DefaultSerializerProvider) mapper.getSerializerProvider()).cachedSerializersCount();
  }

  @Test
  void printingAfterTheWarmUpFindsEverySerializerReady() throws Exception {
    Inventory inventory = realScan();
    assertThat(inventory.servers()).hasSizeGreaterThan(3);
    assertThat(inventory.findings()).isNotEmpty();
    assertThat(inventory.errors()).isNotEmpty();

    ObjectMapper mapper = Json.mapper().copy();
    assertThat(cached(mapper)).isZero();
    JsonWarmUp.run(mapper);
    int warmed = cached(mapper);
    assertThat(warmed).isGreaterThan(10);

    String printed = mapper.writerFor(Inventory.class).writeValueAsString(inventory);
    assertThat(cached(mapper)).isEqualTo(warmed);
    assertThat(printed).isEqualTo(Json.mapper().writerFor(Inventory.class).writeValueAsString(inventory));
  }
}
