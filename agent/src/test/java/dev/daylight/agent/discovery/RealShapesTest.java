package dev.daylight.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each client's config in its own real shape ({@code real-shapes/cases.json}): the fixture is
 * written where that client keeps it in a fake home of the named OS, scanned by the real scanner,
 * and every expected server must come out with the expected fields.
 */
class RealShapesTest {
  private static final String DIR = "real-shapes/";

  @TempDir Path tmp;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : resource("cases.json").path("cases")) {
      out.add(
          Arguments.of(
              c.path("client").asText(), c.path("os").asText(), c.path("path").asText(), c));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void eachClientShapeIsRead(String client, String os, String path, JsonNode c) {
    FakeHome h = new FakeHome(tmp, Os.valueOf(os.toUpperCase(Locale.ROOT)));
    String project = tmp.resolve("code/app").toString();
    h.write(
        path, text(c.path("fixture").asText()).replace("PROJECT", project.replace("\\", "\\\\")));
    c.path("also").forEach(a -> h.write(a.asText(), "{}"));
    List<McpServer> found = h.servers(client);
    List<String> names = new ArrayList<>();
    c.path("expect").forEach(e -> names.add(e.path("name").asText()));
    assertThat(found)
        .extracting(McpServer::name)
        .as("%s reads %s", client, path)
        .containsExactlyInAnyOrderElementsOf(names);
    for (JsonNode e : c.path("expect")) {
      McpServer s = FakeHome.named(found, e.path("name").asText());
      String scope =
          e.path("scope")
              .asText(c.path("scope").asText(path.startsWith("code/app/") ? "project" : "user"));
      assertThat(s.scope()).as("%s scope", s.name()).isEqualTo(Scope.parse(scope));
      assertThat(s.line()).as("%s line", s.name()).isNotNull();
      if (e.has("transport")) {
        assertThat(s.transport())
            .as("%s transport", s.name())
            .isEqualTo(Transport.parse(e.get("transport").asText()));
      }
      if (e.has("command")) {
        assertThat(s.command()).as("%s command", s.name()).isEqualTo(e.get("command").asText());
      }
      if (e.has("url")) {
        assertThat(s.url()).as("%s url", s.name()).isEqualTo(e.get("url").asText());
      }
      if (e.has("purl")) {
        assertThat(s.pkg()).as("%s package", s.name()).isNotNull();
        assertThat(s.pkg().purl()).isEqualTo(e.get("purl").asText());
      }
      if (e.has("enabled")) {
        assertThat(s.enabled()).as("%s enabled", s.name()).isEqualTo(e.get("enabled").asBoolean());
      }
      if (e.has("envKeys")) {
        assertThat(s.envKeys()).containsExactlyElementsOf(strings(e.get("envKeys")));
      }
      if (e.has("headerKeys")) {
        assertThat(s.headerKeys()).containsExactlyElementsOf(strings(e.get("headerKeys")));
      }
      assertThat(s.toString())
          .as("no secret of the fixture in clear")
          .doesNotContain("ghp_abcdef")
          .doesNotContain("sk-live")
          .doesNotContain("xoxb-")
          .doesNotContain("0123456789abcdef0123");
    }
  }

  @Test
  void anotherClientsMcpJsonIsReadOnlyWhereThisClientIsInstalled() {
    FakeHome h = new FakeHome(tmp, Os.LINUX);
    h.write("code/app/.mcp.json", text("copilot-cli.project.mcp.json"));
    Discovery.Result r = h.scan();
    assertThat(r.servers()).extracting(McpServer::client).containsExactly("claude-code");
    h.write(".copilot/config.json", "{}");
    assertThat(h.scan().servers())
        .extracting(McpServer::client)
        .containsExactlyInAnyOrder("claude-code", "copilot-cli");
  }

  @Test
  void aClaudeMcpJsonIsNoEvidenceOfVisualStudioButASolutionFileIs() {
    FakeHome h = new FakeHome(tmp, Os.WINDOWS);
    h.write("code/app/.mcp.json", text("copilot-cli.project.mcp.json"));
    assertThat(h.scan().clients()).extracting(Client::id).doesNotContain("visual-studio");
    h.write("code/other/.mcp.json", text("visual-studio.solution.mcp.json"));
    Discovery.Result r = h.scan();
    assertThat(r.clients()).extracting(Client::id).contains("visual-studio");
    assertThat(r.servers())
        .filteredOn(s -> s.client().equals("claude-code"))
        .extracting(McpServer::name)
        .containsExactly("azure");
  }

  @Test
  void copilotCliTrustedFoldersAreProjectsBeyondTheWalk() {
    FakeHome h = new FakeHome(tmp, Os.LINUX);
    Path deep = tmp.resolve("a/b/c/d/e/f/g/repo");
    h.write(
        ".copilot/config.json",
        "{\"trusted_folders\": [\"" + deep.toString().replace("\\", "\\\\") + "\"]}");
    h.write("a/b/c/d/e/f/g/repo/.github/mcp.json", text("copilot-cli.project.mcp.json"));
    assertThat(h.servers("copilot-cli")).extracting(McpServer::name).containsExactly("azure");
  }

  @Test
  void aModuleRunFromAProjectsVenvIsTheDistributionInstalledThere() {
    FakeHome h = new FakeHome(tmp, Os.LINUX);
    h.write(
        "code/app/.mcp.json",
        "{\"mcpServers\": {\"fetch\": {\"command\": \".venv/bin/python\","
            + " \"args\": [\"-m\", \"mcp_server_fetch\"]}, \"mine\": {\"command\": \".venv/bin/python\","
            + " \"args\": [\"-m\", \"my_server\"]}}}");
    h.write("code/app/.venv/bin/python", "");
    h.write(
        "code/app/.venv/lib/python3.12/site-packages/mcp_server_fetch-2025.4.7.dist-info/METADATA",
        "Name: mcp-server-fetch\nVersion: 2025.4.7\n");
    h.write(
        "code/app/.venv/lib/python3.12/site-packages/mcp_server_fetch-2025.4.7.dist-info/top_level.txt",
        "mcp_server_fetch\n");
    List<McpServer> s = h.servers("claude-code");
    assertThat(FakeHome.named(s, "fetch").pkg().purl())
        .isEqualTo("pkg:pypi/mcp-server-fetch@2025.4.7");
    assertThat(FakeHome.named(s, "mine").pkg().ecosystem()).isEqualTo("local");
    assertThat(FakeHome.named(s, "mine").pkg().purl()).doesNotStartWith("pkg:pypi");
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  static String text(String name) {
    try (InputStream in = RealShapesTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + DIR + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode resource(String name) {
    try {
      return JsonTrees.read(
          new java.io.ByteArrayInputStream(text(name).getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
