package dev.daylight.agent.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard from end to end, per client: a real scan of a fake home where the npx cache's
 * postmark-mcp moved from 1.0.14 to 1.0.15 (a version change, not yet known to be malicious),
 * {@code guard install} into that home's real settings files, then the hook command exactly as the
 * settings name it, fed the JSON that client sends.
 */
class GuardEndToEndTest {
  static final String CLAUDE_SETTINGS =
      """
      {
        "model": "opus",
        "hooks": {
          "PreToolUse": [
            {"matcher": "Bash", "hooks": [{"type": "command", "command": "~/bin/check-bash.sh"}]}
          ]
        }
      }
      """;
  static final String CURSOR_HOOKS =
      """
      {"version": 1, "hooks": {"beforeShellExecution": [{"command": "./audit-shell.sh"}],
       "beforeMCPExecution": [{"command": "./my-mcp-logger.sh"}]}}
      """;
  static final String CODEX_HOOKS =
      "{\"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"notify-send done\"}]}]}}\n";

  /** A token in the settings files: the state folder must never hold it (no copies, no logs). */
  static final String CANARY = "ghp_CanaryCanaryCanaryCanary0123456789";

  static final String GEMINI_SETTINGS =
      """
      {
        "theme": "GitHub",
        "mcpServers": {
          "postmark": {"command": "npx", "args": ["-y", "postmark-mcp"], "env": {"GITHUB_TOKEN": "%s"}}
        },
        "hooks": {
          "BeforeTool": [
            {"matcher": "run_shell_command", "hooks": [{"type": "command", "command": "~/bin/check-shell.sh"}]}
          ]
        }
      }
      """
          .formatted(CANARY);
  static final String WINDSURF_HOOKS =
      """
      {
        "hooks": {
          "pre_run_command": [{"command": "python3 ~/bin/guard-shell.py", "show_output": true}]
        }
      }
      """;
  static final String COPILOT_USER_HOOKS =
      """
      {"version": 1, "hooks": {"sessionEnd": [{"type": "command", "bash": "notify-send bye", "timeoutSec": 5}]}}
      """;
  static final List<String> CLIENTS =
      List.of("claude-code", "cursor", "codex", "gemini-cli", "windsurf", "copilot-cli");
  static final List<String> SETTINGS =
      List.of(
          ".claude/settings.json",
          ".cursor/hooks.json",
          ".codex/hooks.json",
          ".gemini/settings.json",
          ".codeium/windsurf/hooks.json",
          ".copilot/hooks/notify.json",
          ".copilot/hooks/daylight-guard.json");

  @TempDir Path home;
  @TempDir Path state;
  String out;

  @BeforeEach
  void homeWherePostmarkChanged() throws IOException {
    write(
        ".claude.json",
        "{\"mcpServers\": {\"postmark\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp\"]}}}");
    write(
        ".cursor/mcp.json",
        "{\"mcpServers\": {\"postmark\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp\"]}}}");
    write(
        ".codex/config.toml",
        "[mcp_servers.postmark]\ncommand = \"npx\"\nargs = [\"-y\", \"postmark-mcp\"]\n");
    write(
        ".codeium/windsurf/mcp_config.json",
        "{\"mcpServers\": {\"postmark\": {\"command\": \"npx\", \"args\": [\"-y\", \"postmark-mcp\"]}}}");
    write(
        ".copilot/mcp-config.json",
        "{\"mcpServers\": {\"postmark\": {\"type\": \"local\", \"command\": \"npx\","
            + " \"args\": [\"-y\", \"postmark-mcp\"], \"tools\": [\"*\"]}}}");
    write(
        ".claude/settings.json",
        CLAUDE_SETTINGS.replace(
            "\"model\"", "\"env\": {\"GITHUB_TOKEN\": \"" + CANARY + "\"},\n  \"model\""));
    write(".cursor/hooks.json", CURSOR_HOOKS);
    write(".codex/hooks.json", CODEX_HOOKS);
    write(".gemini/settings.json", GEMINI_SETTINGS);
    write(".codeium/windsurf/hooks.json", WINDSURF_HOOKS);
    write(".copilot/hooks/notify.json", COPILOT_USER_HOOKS);
    cache("1.0.14");
    scan();
    cache("1.0.15");
    scan();
  }

  private void scan() {
    assertThat(cli("scan", "--home", home.toString(), "--os", "linux", "--no-host")).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"claude-code", "cursor", "codex", "gemini-cli", "windsurf", "copilot-cli"})
  void suspendedPackageIsRecordedInAuditRefusedInEnforceAndLetThroughOnceApproved(String client)
      throws Exception {
    Map<String, byte[]> before = settingsBytes();
    assertThat(cli("guard", "install", "--home", home.toString(), "--os", "linux")).isZero();
    assertThat(out).contains(client);
    String command = hookCommand(client);
    assertOtherHooksKept();

    Hook audit = runHook(command, input(client));
    assertThat(audit.exit).isZero();
    assertAllowed(client, audit);
    JsonNode recorded = lastSpoolLine();
    assertThat(recorded.path("decision").asText()).isEqualTo("audit");
    assertThat(recorded.path("client").asText()).isEqualTo(client);
    assertThat(recorded.path("server").asText()).isEqualTo("postmark");
    assertThat(recorded.path("tool").asText()).isEqualTo("send_email");
    // Windsurf's MCP hook input names no folder.
    assertThat(recorded.path("project").asText())
        .isEqualTo(client.equals("windsurf") ? "" : "/home/ann/project");
    assertThat(recorded.path("reason").asText())
        .contains("postmark-mcp changed to 1.0.15", "suspended");
    assertThat(recorded.toString()).doesNotContain("ceo@example.com"); // never the arguments

    assertThat(cli("guard", "mode", "enforce")).isZero();
    Hook enforce = runHook(command, input(client));
    assertDenied(
        client,
        enforce,
        "Daylight: postmark-mcp changed to 1.0.15 and is suspended until reviewed; ask IT,"
            + " or once you have reviewed it run `daylight review approve pkg:npm/postmark-mcp@1.0.15`");
    assertThat(lastSpoolLine().path("decision").asText()).isEqualTo("deny");

    assertThat(cli("review", "approve", "pkg:npm/postmark-mcp@1.0.15")).isZero();
    Hook approved = runHook(command, input(client));
    assertAllowed(client, approved);
    assertThat(lastSpoolLine().path("decision").asText()).isEqualTo("allow");

    assertThat(cli("guard", "status", "--home", home.toString(), "--os", "linux")).isZero();
    assertThat(out).contains("mode: enforce (local)").containsPattern(client + " +installed");
    assertThat(out).contains("postmark send_email allow");

    assertThat(cli("guard", "uninstall", "--home", home.toString(), "--os", "linux")).isZero();
    assertThat(settingsBytes())
        .allSatisfy((file, bytes) -> assertThat(bytes).as(file).isEqualTo(before.get(file)));
    assertStateFolderNeverHoldsTheCanary();
  }

  private void assertStateFolderNeverHoldsTheCanary() throws IOException {
    try (var files = Files.walk(state)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(CANARY);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"claude-code", "cursor", "codex", "gemini-cli", "windsurf", "copilot-cli"})
  void knownMaliciousVersionStaysRefusedEvenWhenSomeoneApprovesIt(String client) throws Exception {
    cache("1.0.16"); // MAL-2025-47604 in the bundled intel
    scan();
    assertThat(cli("guard", "install", "--home", home.toString(), "--os", "linux")).isZero();
    assertThat(cli("guard", "mode", "enforce")).isZero();
    // Approving a known-malicious version needs a stated override (--yes alone is refused).
    assertThat(cli("review", "approve", "pkg:npm/postmark-mcp@1.0.16", "--yes"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            cli(
                "review",
                "approve",
                "pkg:npm/postmark-mcp@1.0.16",
                "--override-malicious",
                "guard test"))
        .isZero();
    Hook h = runHook(hookCommand(client), input(client));
    assertDenied(
        client,
        h,
        "Daylight: pkg:npm/postmark-mcp@1.0.16 is a known-malicious package (MAL-2025-47604)");
  }

  private void assertOtherHooksKept() throws IOException {
    JsonNode claude = Json.mapper().readTree(home.resolve(".claude/settings.json").toFile());
    assertThat(claude.path("model").asText()).isEqualTo("opus");
    assertThat(
            claude
                .path("hooks")
                .path("PreToolUse")
                .get(0)
                .path("hooks")
                .get(0)
                .path("command")
                .asText())
        .isEqualTo("~/bin/check-bash.sh");
    JsonNode cursor = Json.mapper().readTree(home.resolve(".cursor/hooks.json").toFile());
    assertThat(cursor.path("hooks").path("beforeShellExecution").get(0).path("command").asText())
        .isEqualTo("./audit-shell.sh");
    assertThat(cursor.path("hooks").path("beforeMCPExecution").get(0).path("command").asText())
        .isEqualTo("./my-mcp-logger.sh");
    JsonNode codex = Json.mapper().readTree(home.resolve(".codex/hooks.json").toFile());
    assertThat(
            codex.path("hooks").path("Stop").get(0).path("hooks").get(0).path("command").asText())
        .isEqualTo("notify-send done");
    JsonNode gemini = Json.mapper().readTree(home.resolve(".gemini/settings.json").toFile());
    assertThat(
            gemini
                .path("hooks")
                .path("BeforeTool")
                .get(0)
                .path("hooks")
                .get(0)
                .path("command")
                .asText())
        .isEqualTo("~/bin/check-shell.sh");
    assertThat(gemini.path("mcpServers").path("postmark").path("env").path("GITHUB_TOKEN").asText())
        .isEqualTo(CANARY);
    JsonNode windsurf =
        Json.mapper().readTree(home.resolve(".codeium/windsurf/hooks.json").toFile());
    assertThat(windsurf.path("hooks").path("pre_run_command").get(0).path("command").asText())
        .isEqualTo("python3 ~/bin/guard-shell.py");
    assertThat(Files.readString(home.resolve(".copilot/hooks/notify.json")))
        .isEqualTo(COPILOT_USER_HOOKS);
  }

  static void assertAllowed(String client, Hook h) throws IOException {
    assertThat(h.exit).isZero();
    if (client.equals("cursor")) {
      assertThat(Json.mapper().readTree(h.stdout).path("permission").asText()).isEqualTo("allow");
    } else {
      assertThat(h.stdout).isEmpty(); // no decision: the client's own permission flow goes on
    }
  }

  static void assertDenied(String client, Hook h, String reason) throws IOException {
    if (client.equals("windsurf")) {
      // Cascade takes a refusal only as exit 2, with the reason on stderr.
      assertThat(h.exit).isEqualTo(2);
      assertThat(h.stdout).isEmpty();
      assertThat(h.stderr).contains(reason);
      return;
    }
    assertThat(h.exit).isZero();
    JsonNode answer = Json.mapper().readTree(h.stdout);
    switch (client) {
      case "cursor" -> {
        assertThat(answer.path("permission").asText()).isEqualTo("deny");
        assertThat(answer.path("user_message").asText()).contains(reason);
        assertThat(answer.path("agent_message").asText()).contains(reason);
      }
      case "gemini-cli" -> {
        assertThat(answer.path("decision").asText()).isEqualTo("deny");
        assertThat(answer.path("reason").asText()).contains(reason);
      }
      case "copilot-cli" -> {
        assertThat(answer.path("permissionDecision").asText()).isEqualTo("deny");
        assertThat(answer.path("permissionDecisionReason").asText()).contains(reason);
      }
      default -> {
        JsonNode specific = answer.path("hookSpecificOutput");
        assertThat(specific.path("hookEventName").asText()).isEqualTo("PreToolUse");
        assertThat(specific.path("permissionDecision").asText()).isEqualTo("deny");
        assertThat(specific.path("permissionDecisionReason").asText()).contains(reason);
      }
    }
  }

  /** What each client writes on the hook's stdin (field names from its published hook contract). */
  static String input(String client) {
    return switch (client) {
      case "gemini-cli" ->
          """
          {"session_id": "s1", "transcript_path": "/home/ann/.gemini/tmp/p/chats/s1.json",
           "cwd": "/home/ann/project", "hook_event_name": "BeforeTool", "timestamp": "2026-12-04T10:00:00.000Z",
           "tool_name": "mcp_postmark_send_email",
           "tool_input": {"to": "ceo@example.com", "mcp_context": {"server_name": "other"}},
           "mcp_context": {"server_name": "postmark", "tool_name": "send_email", "command": "npx",
                           "args": ["-y", "postmark-mcp"], "cwd": "/home/ann/project"}}
          """;
      case "windsurf" ->
          """
          {"agent_action_name": "pre_mcp_tool_use", "trajectory_id": "t1", "execution_id": "e1",
           "timestamp": "2026-12-04T10:00:00Z",
           "tool_info": {"mcp_server_name": "postmark", "mcp_tool_name": "send_email",
                         "mcp_tool_arguments": {"to": "ceo@example.com", "mcp_server_name": "other"}}}
          """;
      case "copilot-cli" ->
          """
          {"sessionId": "s1", "timestamp": 1764842400000, "cwd": "/home/ann/project",
           "toolName": "postmark-send_email", "toolArgs": {"to": "ceo@example.com"}}
          """;
      case "cursor" ->
          """
          {"conversation_id": "c1", "generation_id": "g1", "hook_event_name": "beforeMCPExecution",
           "workspace_roots": ["/home/ann/project"], "cursor_version": "2.1.0",
           "tool_name": "send_email", "tool_input": "{\\"to\\": \\"ceo@example.com\\"}",
           "command": "npx -y postmark-mcp"}
          """;
      case "codex" ->
          """
          {"session_id": "s1", "turn_id": "t1", "transcript_path": null, "cwd": "/home/ann/project",
           "hook_event_name": "PreToolUse", "model": "gpt-5", "permission_mode": "default",
           "tool_name": "mcp__postmark__send_email", "tool_use_id": "call_1",
           "tool_input": {"to": "ceo@example.com", "body": "quarterly \\"numbers\\" {draft}"}}
          """;
      default ->
          """
          {"session_id": "s1", "transcript_path": "/home/ann/.claude/projects/p/s1.jsonl",
           "cwd": "/home/ann/project", "permission_mode": "default", "hook_event_name": "PreToolUse",
           "tool_name": "mcp__postmark__send_email",
           "tool_input": {"to": "ceo@example.com", "tool_name": "mcp__other__x"}, "tool_use_id": "toolu_1"}
          """;
    };
  }

  record Hook(int exit, String stdout, String stderr) {}

  /** Runs the command through sh, as the clients do. */
  static Hook runHook(String command, String stdin) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).start();
    p.getOutputStream().write(stdin.getBytes(UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new Hook(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), UTF_8).trim(),
        new String(p.getErrorStream().readAllBytes(), UTF_8));
  }

  private String hookCommand(String client) throws IOException {
    Path file =
        home.resolve(
            switch (client) {
              case "cursor" -> ".cursor/hooks.json";
              case "codex" -> ".codex/hooks.json";
              case "gemini-cli" -> ".gemini/settings.json";
              case "windsurf" -> ".codeium/windsurf/hooks.json";
              case "copilot-cli" -> ".copilot/hooks/daylight-guard.json";
              default -> ".claude/settings.json";
            });
    JsonNode settings = Json.mapper().readTree(file.toFile());
    List<String> commands = new ArrayList<>(settings.findValuesAsText("command"));
    commands.addAll(settings.findValuesAsText("bash"));
    return commands.stream().filter(c -> c.contains("daylight-guard")).findFirst().orElseThrow();
  }

  private JsonNode lastSpoolLine() throws IOException {
    List<String> lines = Files.readAllLines(state.resolve("guard/spool.jsonl"));
    return Json.mapper().readTree(lines.get(lines.size() - 1));
  }

  /** Each settings file's bytes; an empty array for a file that does not exist. */
  private Map<String, byte[]> settingsBytes() throws IOException {
    Map<String, byte[]> m = new java.util.TreeMap<>();
    for (String f : SETTINGS) {
      Path p = home.resolve(f);
      m.put(f, Files.exists(p) ? Files.readAllBytes(p) : new byte[0]);
    }
    return m;
  }

  private void cache(String version) throws IOException {
    Path pkg = home.resolve(".npm/_npx/4f1c0a2b3c4d5e6f/node_modules/postmark-mcp/package.json");
    Files.createDirectories(pkg.getParent());
    Files.writeString(pkg, "{\"name\": \"postmark-mcp\", \"version\": \"" + version + "\"}");
  }

  private void write(String rel, String text) throws IOException {
    Path f = home.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  int cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state-dir");
    all.add(state.toString());
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(new PrintWriter(o), new PrintWriter(e), all.toArray(String[]::new));
    out = o + e.toString();
    return code;
  }
}
