package dev.daylight.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formats as real files come, and files that cannot be read: each is at most one error. */
class BadInputTest {
  @TempDir Path tmp;

  private FakeHome h() {
    return new FakeHome(tmp, Os.LINUX);
  }

  @Test
  void jsoncWithCommentsTrailingCommasBomAndCrlfIsReadWithRightLines() {
    FakeHome h = h();
    String text =
        "\uFEFF/* header */\r\n{\r\n  // servers\r\n  \"mcpServers\": {\r\n"
            + "    \"a\": {\"command\": \"npx\", \"args\": [\"a-mcp\",],},\r\n  },\r\n}\r\n";
    h.write(".cursor/mcp.json", text);
    Discovery.Result r = h.scan();
    assertThat(r.errors()).isEmpty();
    assertThat(r.servers()).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(5));
  }

  @Test
  void utf16WithBomAsWindowsToolsWriteIt() {
    FakeHome h = h();
    byte[] body =
        "{\"mcpServers\":{\"u\":{\"command\":\"npx\"}}}".getBytes(StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bytes, 2, body.length);
    h.writeBytes(".cursor/mcp.json", bytes);
    assertThat(h.scan().servers()).extracting(McpServer::name).containsExactly("u");
  }

  @Test
  void emptyFilesAndFilesWithoutServersAreNormal() {
    FakeHome h = h();
    h.write(".cursor/mcp.json", "");
    h.write(".gemini/settings.json", "{\"theme\": \"dark\"}");
    h.write(".continue/config.yaml", "   \n");
    h.write(".codex/config.toml", "model = \"o3\"\n");
    Discovery.Result r = h.scan();
    assertThat(r.errors()).isEmpty();
    assertThat(r.servers()).isEmpty();
    assertThat(r.clients())
        .extracting(c -> c.id())
        .contains("cursor", "gemini-cli", "continue", "codex");
  }

  @Test
  void truncatedFileIsOneErrorWithItsLineAndNoContent() {
    FakeHome h = h();
    Path p =
        h.write(
            ".cursor/mcp.json",
            "{\n \"mcpServers\": {\n  \"a\": {\"command\": \"npx\", \"env\": {\"T\": \"ghp_SECRETSECRETSECRET");
    Discovery.Result r = h.scan();
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo(p.toString());
              assertThat(e.reason()).startsWith("malformed JSON").doesNotContain("SECRET");
            });
  }

  @Test
  void binaryHugeDirectoryAndBadYamlTomlAreErrorsAndTheScanGoesOn() throws IOException {
    FakeHome h = h();
    h.writeBytes(".cursor/mcp.json", new byte[] {0x7b, 0x00, 0x01, 0x02, (byte) 0xff});
    Path huge = tmp.resolve(".gemini/settings.json");
    Files.createDirectories(huge.getParent());
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(Documents.MAX_BYTES + 1); // sparse: costs no disk
    }
    Files.createDirectories(tmp.resolve(".kiro/settings/mcp.json"));
    h.write(".continue/config.yaml", "mcpServers: [\n  - name: x\n");
    h.write(".codex/config.toml", "[mcp_servers.x\ncommand = 1\n");
    h.write(
        ".lmstudio/mcp.json",
        "{\"mcpServers\":{\"ok\":{\"command\":\"npx\",\"args\":[\"ok-mcp\"]}}}");
    Discovery.Result r = h.scan();
    assertThat(r.errors())
        .extracting(ScanError::reason)
        .hasSize(5)
        .anySatisfy(x -> assertThat(x).isEqualTo("binary or not UTF-8 text"))
        .anySatisfy(x -> assertThat(x).startsWith("file too large"))
        .anySatisfy(x -> assertThat(x).startsWith("is a directory"))
        .anySatisfy(x -> assertThat(x).startsWith("malformed YAML"))
        .anySatisfy(x -> assertThat(x).startsWith("malformed TOML"));
    assertThat(r.servers()).extracting(McpServer::name).containsExactly("ok");
  }

  @Test
  void symlinkLoopIsOneErrorAndDanglingLinkToo() throws IOException {
    FakeHome h = h();
    Files.createDirectories(tmp.resolve(".cursor"));
    Files.createSymbolicLink(tmp.resolve(".cursor/mcp.json"), tmp.resolve(".cursor/mcp.json"));
    Files.createDirectories(tmp.resolve(".kiro/settings"));
    Files.createSymbolicLink(tmp.resolve(".kiro/settings/mcp.json"), tmp.resolve("nowhere.json"));
    Discovery.Result r = h.scan();
    assertThat(r.errors())
        .extracting(ScanError::reason)
        .containsExactlyInAnyOrder("symbolic link loop", "dangling symbolic link");
  }

  @Test
  void oneBadEntryDoesNotLoseItsSiblings() {
    FakeHome h = h();
    h.write(
        ".cursor/mcp.json",
        """
        {"mcpServers": {
          "good1": {"command": "npx", "args": ["g1"]},
          "bad": "not an object",
          "good2": {"url": "https://g2.example/mcp"}
        }}
        """);
    Discovery.Result r = h.scan();
    assertThat(r.servers()).extracting(McpServer::name).containsExactly("good1", "good2");
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.reason())
                    .isEqualTo("server 'bad' at line 3 skipped: entry is not an object"));
  }

  @Test
  void unreadableFileIsAnError() throws IOException {
    FakeHome h = h();
    Path p = h.write(".cursor/mcp.json", "{}");
    p.toFile().setReadable(false);
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.isReadable(p), "running as root: permissions do not stop reads, nothing to test");
    assertThat(h.scan().errors())
        .extracting(ScanError::reason)
        .containsExactly("permission denied");
  }

  @Test
  void idsAreStableAcrossScansAndDistinctPerProjectInOneFile() {
    FakeHome h = h();
    h.write(
        ".claude.json",
        """
        {"projects": {"/p/one": {"mcpServers": {"db": {"command": "x"}}},
                      "/p/two": {"mcpServers": {"db": {"command": "x"}}}}}
        """);
    var first = h.scan().servers();
    var second = h.scan().servers();
    assertThat(first)
        .extracting(McpServer::id)
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(second.stream().map(McpServer::id).toList());
  }
}
