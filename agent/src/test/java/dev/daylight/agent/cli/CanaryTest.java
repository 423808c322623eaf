package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.testing.TestJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root-only canary file linked into every path a scan reads, and the canary's text inside files
 * of the home that fail to parse (where a parser's message would quote it): the canary reaches
 * neither the JSON on stdout, nor the logs (at TRACE), nor the store the reports are sent from.
 */
class CanaryTest {
  private static final List<String> READ_PATHS =
      List.of(
          ".cursor/mcp.json",
          ".continue/config.yaml",
          ".codex/config.toml",
          ".claude.json",
          ".claude/settings.json",
          ".config/JetBrains/IntelliJIdea2025.1/options/llm.mcpServers.xml",
          "code/app/.idea/workspace.xml",
          "code/app/.mcp.json",
          "code/app/.vscode/mcp.json",
          ".npmrc",
          ".npm/_npx/c1/package.json",
          ".npm/_npx/c1/node_modules/canary-pkg/package.json",
          ".local/share/pipx/venvs/v/pipx_metadata.json",
          ".local/share/uv/tools/t/lib/python3.12/site-packages/t-1.0.dist-info/METADATA",
          ".vscode/extensions/extensions.json",
          ".config/Code/User/settings.json",
          ".config/Code/User/mcp.json");

  @TempDir Path tmp;

  @Test
  void theCanaryReachesNothing() throws Exception {
    String canary = "DLCANARY" + UUID.randomUUID().toString().replace("-", "");
    Path secret = tmp.resolve("root-only/token");
    Files.createDirectories(secret.getParent());
    Files.writeString(
        secret,
        "{\"mcpServers\":{\""
            + canary
            + "\":{\"command\":\""
            + canary
            + "\"}},"
            + "\"name\":\""
            + canary
            + "\",\"dependencies\":{\""
            + canary
            + "\":\"1\"}}\nName: "
            + canary
            + "\ncache="
            + canary
            + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    for (String rel : READ_PATHS) {
      Path link = home.resolve(rel);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, secret);
    }
    // The same text inside the home, broken where each parser stops and quotes what it saw.
    write(home, ".gemini/settings.json", "{\"mcpServers\": " + canary + " }");
    write(
        home,
        ".kiro/settings/mcp.json",
        "{\"mcpServers\": {\"a\": {\"command\": \"" + canary + "\", " + canary + "}}}");
    write(home, ".aws/amazonq/mcp.json", "{\"mcpServers\": {\"" + canary + "\": [}}");
    write(home, ".config/goose/config.yaml", "extensions:\n  " + canary + ": [\n");
    write(home, "code/other/.codex/config.toml", "[mcp_servers." + canary + "\n");
    write(
        home,
        ".config/JetBrains/WebStorm2025.1/options/llm.mcpServers.xml",
        "<application " + canary + "=>");
    write(home, ".npm/_npx/c2/package.json", "{\"dependencies\": " + canary + "}");
    write(home, ".npm/_npx/c2/node_modules/x/package.json", "{\"name\": " + canary + "}");
    write(
        home, ".local/share/pipx/venvs/w/pipx_metadata.json", "{\"main_package\": " + canary + "}");
    write(home, ".vscode-server/extensions/extensions.json", "[" + canary + "]");
    Path state = tmp.resolve("state");

    ProcessBuilder pb =
        new ProcessBuilder(
                TestJvm.agent(
                    "scan",
                    "--home",
                    home.toString(),
                    "--os",
                    "linux",
                    "--format",
                    "json",
                    "--no-host",
                    "--state-dir",
                    state.toString()))
            .redirectOutput(tmp.resolve("stdout").toFile())
            .redirectError(tmp.resolve("stderr").toFile());
    pb.environment().put("DAYLIGHT_LOG_LEVEL", "TRACE");
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stdout = Files.readString(tmp.resolve("stdout"));
    assertThat(stdout).contains("\"errors\"", "symbolic link leads outside the home", "malformed");
    assertThat(stdout).doesNotContain(canary);
    String logs = Files.readString(tmp.resolve("stderr"));
    assertThat(logs).as("logging at TRACE").contains("DEBUG");
    assertThat(logs).doesNotContain(canary);
    List<Path> stored = new ArrayList<>();
    try (Stream<Path> files = Files.walk(state)) {
      files.filter(Files::isRegularFile).forEach(stored::add);
    }
    assertThat(stored)
        .as("the scan was stored")
        .anySatisfy(f -> assertThat(f.toString()).endsWith(".db"));
    for (Path f : stored) {
      assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
          .as(f.toString())
          .doesNotContain(canary);
    }
  }

  private static void write(Path home, String rel, String text) throws IOException {
    Path p = home.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
