package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The real CLI on a fake home per OS layout: the scan contract other tools rely on. */
class ScanCommandTest {
  @TempDir Path home;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Inventory scan(String os) throws IOException {
    Run r =
        run(
            "scan",
            "--home",
            home.toString(),
            "--os",
            os,
            "--format",
            "json",
            "--no-host",
            "--no-store");
    assertThat(r.exit()).as(r.err()).isZero();
    Inventory inv = Json.mapper().readValue(r.out(), Inventory.class);
    // The mapper's pretty form, every field kept.
    assertThat(r.out())
        .startsWith("{")
        .contains("  \"schemaVersion\" : ")
        .endsWith("}" + System.lineSeparator());
    assertThat(Json.mapper().readTree(r.out())).isEqualTo(Json.mapper().valueToTree(inv));
    return inv;
  }

  private void write(String relative, String text) throws IOException {
    Path p = home.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static Map<String, McpServer> byName(Inventory inv) {
    return inv.servers().stream()
        .collect(Collectors.toMap(s -> s.client() + "/" + s.name(), s -> s));
  }

  private static String servers(String name, String pkg) {
    return "{\"mcpServers\":{\""
        + name
        + "\":{\"command\":\"npx\",\"args\":[\"-y\",\""
        + pkg
        + "\"]}}}";
  }

  @Test
  void linuxLayout() throws IOException {
    write(".config/Claude/claude_desktop_config.json", servers("desk", "desk-mcp@1.0.0"));
    write(
        ".config/Code/User/mcp.json",
        "{\"servers\":{\"code\":{\"type\":\"sse\",\"url\":\"https://c.example/sse\"}}}");
    write(
        ".config/zed/settings.json",
        "// c\n{\"context_servers\":{\"zed\":{\"command\":\"uvx\",\"args\":[\"zed-mcp\"]},}}");
    write("projects/site/.cursor/mcp.json", servers("proj", "@acme/proj-mcp"));
    write(
        "Library/Application Support/Claude/claude_desktop_config.json", servers("mac-only", "x"));
    write("AppData/Roaming/Claude/claude_desktop_config.json", servers("win-only", "x"));
    Inventory inv = scan("linux");
    Map<String, McpServer> s = byName(inv);
    assertThat(s).containsOnlyKeys("claude-desktop/desk", "vscode/code", "zed/zed", "cursor/proj");
    assertThat(s.get("claude-desktop/desk").pkg().purl()).isEqualTo("pkg:npm/desk-mcp@1.0.0");
    assertThat(s.get("vscode/code").transport()).isEqualTo(Transport.SSE);
    assertThat(s.get("cursor/proj").scope()).isEqualTo(Scope.PROJECT);
    assertThat(s.get("cursor/proj").pkg().purl()).isEqualTo("pkg:npm/%40acme/proj-mcp");
    assertThat(inv.host().os()).isEqualTo("linux");
    assertThat(inv.errors()).isEmpty();
  }

  @Test
  void macosLayout() throws IOException {
    write(
        "Library/Application Support/Claude/claude_desktop_config.json",
        servers("desk", "desk-mcp"));
    write(
        "Library/Application Support/Code/User/mcp.json",
        "{\"servers\":{\"code\":{\"command\":\"docker\",\"args\":[\"run\",\"-i\",\"--rm\",\"mcp/github\"]}}}");
    write(
        ".config/zed/settings.json",
        "{\"context_servers\":{\"zed\":{\"url\":\"https://z.example/mcp\"}}}");
    write(".config/Code/User/mcp.json", "{\"servers\":{\"linux-only\":{\"command\":\"x\"}}}");
    Map<String, McpServer> s = byName(scan("macos"));
    assertThat(s).containsOnlyKeys("claude-desktop/desk", "vscode/code", "zed/zed");
    assertThat(s.get("vscode/code").pkg().purl()).isEqualTo("pkg:docker/mcp/github@latest");
    assertThat(s.get("vscode/code").pkg().pinned()).isFalse();
  }

  @Test
  void windowsLayout() throws IOException {
    write(
        "AppData/Local/Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming/Claude/claude_desktop_config.json",
        "{\"mcpServers\":{\"msix\":{\"command\":\"C:\\\\Program Files\\\\nodejs\\\\npx.cmd\",\"args\":[\"-y\",\"msix-mcp@2.0.0\"]}}}");
    write(
        "AppData/Roaming/Code/User/mcp.json",
        servers("code", "code-mcp").replace("mcpServers", "servers"));
    write(
        "AppData/Roaming/Zed/settings.json",
        "{\"context_servers\":{\"zed\":{\"command\":\"npx\",\"args\":[\"z\"]}}}");
    write(
        ".codex/config.toml",
        "[mcp_servers.cx]\ncommand = \"cmd\"\nargs = [\"/c\", \"npx\", \"-y\", \"cx-mcp@0.3.0\"]\n");
    write(
        ".claude.json",
        servers("cc", "mcp-remote")
            .replace("\"mcp-remote\"]", "\"mcp-remote\", \"https://r.example/sse\"]"));
    write(".config/zed/settings.json", "{\"context_servers\":{\"unix-only\":{\"command\":\"x\"}}}");
    Map<String, McpServer> s = byName(scan("windows"));
    assertThat(s)
        .containsOnlyKeys(
            "claude-desktop/msix", "vscode/code", "zed/zed", "codex/cx", "claude-code/cc");
    McpServer msix = s.get("claude-desktop/msix");
    assertThat(msix.command()).isEqualTo("C:\\Program Files\\nodejs\\npx.cmd");
    assertThat(msix.pkg().purl()).isEqualTo("pkg:npm/msix-mcp@2.0.0");
    assertThat(s.get("codex/cx").pkg().purl()).isEqualTo("pkg:npm/cx-mcp@0.3.0");
    assertThat(s.get("claude-code/cc").proxiedUrl()).isEqualTo("https://r.example/sse");
  }

  @Test
  void noCanarySecretValueAppearsInAnyOutput() throws IOException {
    List<String> canaries =
        List.of(
            "CANARYenv1",
            "ghp_CANARY0000000000000000000000000000",
            "CANARYhdr2",
            "CANARYarg3",
            "CANARYquery4",
            "CANARYpass5",
            "CANARYtoml6",
            "CANARYyaml7",
            "CANARYxml8",
            "sk-ant-CANARY9xxxxxxxxxxxxxxxx",
            "CANARYzed10",
            "CANARYfrag11",
            "CANARYfrag12");
    write(
        ".cursor/mcp.json",
        """
        {"mcpServers": {
          "a": {"command": "npx", "args": ["-y", "a-mcp", "--api-key", "CANARYarg3", "--url=https://u:CANARYpass5@h.example/x?token=CANARYquery4"],
                "env": {"API_TOKEN": "CANARYenv1", "GH": "ghp_CANARY0000000000000000000000000000", "PLAIN": "CANARYenv1"}},
          "b": {"url": "https://user:CANARYpass5@b.example/mcp?key=CANARYquery4", "headers": {"Authorization": "Bearer CANARYhdr2"}},
          "c": {"command": "uvx sk-ant-CANARY9xxxxxxxxxxxxxxxx"},
          "d": {"url": "https://d.example/mcp#access_token=CANARYfrag11"},
          "e": {"command": "npx", "args": ["-y", "mcp-remote@1.1.0", "https://e.example/sse#/cb?token=CANARYfrag12"]}
        }}
        """);
    write(
        ".codex/config.toml",
        "[mcp_servers.t]\ncommand = \"npx\"\nenv = { SECRET = \"CANARYtoml6\" }\n");
    write(
        ".config/goose/config.yaml",
        "extensions:\n  y:\n    cmd: npx\n    envs: {TOKEN: CANARYyaml7}\n");
    write(
        ".config/JetBrains/IU2025.2/options/llm.mcpServers.xml",
        """
        <application><component name="McpApplicationServerCommands"><McpServerCommand>
        <option name="name" value="x" /><option name="programPath" value="npx" />
        <envs><env name="PASSWORD" value="CANARYxml8" /></envs></McpServerCommand></component></application>
        """);
    write(
        ".config/zed/settings.json",
        "{\"context_servers\":{\"z\":{\"command\":{\"path\":\"npx\",\"args\":[\"--token\",\"CANARYzed10\"]}}}}");
    write(
        ".gemini/settings.json", "{\"mcpServers\": {\"broken\": {\"env\": {\"K\": \"CANARYenv1\"");
    for (String format : List.of("json", "table")) {
      Run r =
          run(
              "scan",
              "--home",
              home.toString(),
              "--os",
              "linux",
              "--format",
              format,
              "--no-host",
              "--no-store");
      assertThat(r.exit()).isZero();
      for (String canary : canaries) {
        assertThat(r.out()).as(format + " output").doesNotContain(canary);
        assertThat(r.err()).doesNotContain(canary);
      }
    }
    Inventory inv = scan("linux");
    assertThat(inv.servers()).hasSize(9);
    assertThat(inv.errors()).hasSize(1);
    McpServer a = byName(inv).get("cursor/a");
    assertThat(a.secretFingerprints())
        .containsOnlyKeys("env.API_TOKEN", "env.GH", "arg.3", "arg.4");
    assertThat(byName(inv).get("cursor/b").secretFingerprints())
        .containsOnlyKeys("url.userinfo", "url.query.key", "header.Authorization");
    assertThat(byName(inv).get("cursor/d").secretFingerprints())
        .containsOnlyKeys("url.fragment.access_token");
    assertThat(byName(inv).get("cursor/e").proxiedUrl())
        .isEqualTo("https://e.example/sse#/cb?token=<redacted>");
  }

  @Test
  void realMachineScanCompletesWithAWellFormedInventory() throws IOException {
    Run r = run("scan", "--format", "json", "--no-host", "--no-store", "--depth", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    Inventory inv = Json.mapper().readValue(r.out(), Inventory.class);
    assertThat(inv.host().os()).isEqualTo(dev.daylight.agent.platform.Os.current().wire());
    assertThat(inv.finishedAt()).isAfterOrEqualTo(inv.startedAt());
    assertThat(inv.servers())
        .allSatisfy(
            s -> {
              assertThat(s.id()).matches("[0-9a-f]{32}");
              assertThat(Path.of(s.configPath())).isAbsolute();
            });
  }

  @Test
  void usageErrorsExitTwoAndHelpWorks() {
    assertThat(run("scan", "--os", "beos", "--home", home.toString()).exit())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("scan", "--home", home.resolve("missing").toString(), "--os", "linux").exit())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("scan", "--format", "xml").exit()).isEqualTo(ExitCodes.USAGE);
    Run help = run("scan", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains("--home", "--os", "--format", "--no-host", "--no-store", "--depth");
  }

  @Test
  void tablePrintsOneRowPerServerAndTheErrors() throws IOException {
    write(".cursor/mcp.json", servers("tabled", "tab-mcp@1.0.0"));
    write(".kiro/settings/mcp.json", "{");
    Run r = run("scan", "--home", home.toString(), "--os", "linux", "--format", "table");
    assertThat(r.out())
        .contains("CLIENT", "Cursor", "tabled", "npm:tab-mcp@1.0.0", "1 file(s) not readable");
  }
}
