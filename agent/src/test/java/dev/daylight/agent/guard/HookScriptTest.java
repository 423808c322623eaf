package dev.daylight.agent.guard;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook script on its own: bad input, a missing decision file, each mode, URL matching. */
class HookScriptTest {
  @TempDir Path state;
  Path script;

  record Answer(int exit, String stdout) {}

  @BeforeEach
  void deploy() throws IOException {
    script = HookScripts.deploy(Guard.dir(state).resolve("bin"), Os.LINUX);
  }

  Answer hook(String client, GuardMode fallback, byte[] stdin) throws Exception {
    String command = HookScripts.command(script, client, fallback, state, null);
    Process p = new ProcessBuilder("sh", "-c", command).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // the hook may stop reading early (input over the bound)
    }
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new Answer(p.exitValue(), new String(p.getInputStream().readAllBytes(), UTF_8).trim());
  }

  Answer hook(String client, GuardMode fallback, String stdin) throws Exception {
    return hook(client, fallback, stdin.getBytes(UTF_8));
  }

  void decisions(GuardMode mode, Decision... ds) throws IOException {
    DecisionFile.write(
        Guard.dir(state).resolve(DecisionFile.NAME),
        DecisionFile.format(mode, Instant.parse("2026-12-04T10:00:00Z"), List.of(ds)));
  }

  List<JsonNode> spool() throws IOException {
    Path f = Spool.file(state);
    if (!Files.exists(f)) {
      return List.of();
    }
    return Files.readAllLines(f).stream()
        .map(
            l -> {
              try {
                return Json.mapper().readTree(l);
              } catch (IOException e) {
                throw new AssertionError("spool line is not JSON: " + l, e);
              }
            })
        .toList();
  }

  static final String CLAUDE_CALL =
      "{\"tool_name\": \"mcp__mail__send\", \"cwd\": \"/p\", \"tool_input\": {}}";

  @Test
  void missingDecisionFileAllowsInAuditAndRefusesInEnforceSayingWhy() throws Exception {
    assertThat(hook("claude-code", GuardMode.AUDIT, CLAUDE_CALL).stdout()).isEmpty();
    assertThat(spool().get(0).path("decision").asText()).isEqualTo("allow");
    assertThat(spool().get(0).path("reason").asText()).contains("no decision file yet");

    Answer enforce = hook("claude-code", GuardMode.ENFORCE, CLAUDE_CALL);
    JsonNode out = Json.mapper().readTree(enforce.stdout()).path("hookSpecificOutput");
    assertThat(out.path("permissionDecision").asText()).isEqualTo("deny");
    assertThat(out.path("permissionDecisionReason").asText())
        .contains("no decision file could be read", "run `daylight scan`");
  }

  static byte[] huge(String before, String after) {
    return (before + "\"tool_input\": {\"body\": \"" + "x".repeat(5 << 20) + "\"}" + after)
        .getBytes(UTF_8);
  }

  static String reason(Answer a) throws IOException {
    return Json.mapper()
        .readTree(a.stdout())
        .path("hookSpecificOutput")
        .path("permissionDecisionReason")
        .asText();
  }

  @Test
  void malformedOrOversizedInputIsLetThroughAndRecordedInAudit() throws Exception {
    decisions(
        GuardMode.AUDIT,
        new Decision("claude-code", "mail", "", "", Verdict.MALICIOUS, "pkg:npm/m@1", "bad", null));
    for (String bad :
        List.of(
            "",
            "not json",
            "[1,2]",
            "{\"tool_name\": \"mcp__mail__send\"",
            "{\"a\": \"unterminated}")) {
      Answer a = hook("claude-code", GuardMode.AUDIT, bad);
      assertThat(a.exit()).as(bad).isZero();
      assertThat(a.stdout()).as(bad).isEmpty();
    }
    assertThat(
            hook("claude-code", GuardMode.AUDIT, huge("{\"tool_name\": \"mcp__mail__send\", ", "}"))
                .stdout())
        .isEmpty();
    assertThat(spool())
        .last()
        .satisfies(l -> assertThat(l.path("reason").asText()).contains("over 4 MB"));
    assertThat(spool()).allSatisfy(l -> assertThat(l.path("decision").asText()).isEqualTo("allow"));
  }

  @Test
  void enforceNamesAMalformedOrOversizedCallFromItsTopFieldsAndRefusesItWhenItCannot()
      throws Exception {
    decisions(
        GuardMode.ENFORCE,
        new Decision("claude-code", "mail", "", "", Verdict.MALICIOUS, "pkg:npm/m@1", "bad", null),
        new Decision(
            "cursor",
            "mail",
            "npx -y mail-mcp",
            "",
            Verdict.MALICIOUS,
            "pkg:npm/m@1",
            "bad",
            null));
    // Unnamed: refused, saying why.
    for (String bad : List.of("", "not json", "[1,2]", "{\"a\": \"unterminated}")) {
      Answer a = hook("claude-code", GuardMode.ENFORCE, bad);
      assertThat(a.exit()).as(bad).isZero();
      assertThat(reason(a)).as(bad).contains("not the JSON this client sends", "refuses");
    }
    // Named before the fault or the cut: decided as usual.
    assertThat(
            reason(hook("claude-code", GuardMode.ENFORCE, "{\"tool_name\": \"mcp__mail__send\"")))
        .isEqualTo("bad");
    assertThat(
            reason(
                hook(
                    "claude-code",
                    GuardMode.ENFORCE,
                    huge("{\"tool_name\": \"mcp__mail__send\", ", "}"))))
        .isEqualTo("bad");
    assertThat(
            hook("claude-code", GuardMode.ENFORCE, huge("{\"tool_name\": \"Write\", ", "}"))
                .stdout())
        .as("a built-in tool named before the cut")
        .isEmpty();
    // The name only after the cut (a string cut open is not read as a name either).
    Answer after = hook("claude-code", GuardMode.ENFORCE, huge("{", ", \"tool_name\": \"Write\"}"));
    assertThat(reason(after)).contains("over 4 MB", "refuses");
    Answer cutOpen =
        hook(
            "claude-code",
            GuardMode.ENFORCE,
            ("{\"cwd\": \"" + "y".repeat(5 << 20) + "\"}").getBytes(UTF_8));
    assertThat(reason(cutOpen)).contains("over 4 MB");
    // Cursor sends the launch line after the tool's arguments: a call cut before it is refused.
    Answer cursor =
        hook(
            "cursor",
            GuardMode.ENFORCE,
            huge("{\"tool_name\": \"send_email\", ", ", \"command\": \"npx -y other\"}"));
    assertThat(Json.mapper().readTree(cursor.stdout()).path("permission").asText())
        .isEqualTo("deny");
    assertThat(spool())
        .last()
        .satisfies(l -> assertThat(l.path("decision").asText()).isEqualTo("deny"));
  }

  @Test
  void offModeAnswersAndRecordsNothing() throws Exception {
    decisions(
        GuardMode.OFF,
        new Decision("claude-code", "mail", "", "", Verdict.MALICIOUS, "pkg:npm/m@1", "bad", null));
    Answer off = hook("claude-code", GuardMode.ENFORCE, CLAUDE_CALL);
    assertThat(off.exit()).as("the hook ran and let the call through").isZero();
    assertThat(off.stdout()).isEmpty();
    assertThat(spool()).isEmpty();
  }

  @Test
  void theInputCannotSmuggleAServerNameOrRunAnything() throws Exception {
    decisions(
        GuardMode.ENFORCE,
        new Decision(
            "claude-code", "mail", "", "", Verdict.SUSPENDED, "pkg:npm/m@2", "held", null));
    Path marker = state.resolve("pwned");
    String sneaky =
        "{\"tool_name\": \"mcp__other__x\", \"cwd\": \"$(touch "
            + marker
            + ")`touch "
            + marker
            + "`\","
            + " \"tool_input\": {\"tool_name\": \"mcp__mail__send\", \"q\": \"\\\"}, \\\"tool_name\\\": \\\"mcp__mail__send\"}}";
    assertThat(hook("claude-code", GuardMode.ENFORCE, sneaky).stdout()).isEmpty();
    assertThat(marker).doesNotExist();
    JsonNode line = spool().get(0);
    assertThat(line.path("server").asText()).isEqualTo("other");
    assertThat(line.path("project").asText())
        .isEqualTo("$(touch " + marker + ")`touch " + marker + "`");
  }

  @Test
  void cursorCallsAreMatchedByUrlOrLaunchLineAndNeedsApprovalBlocksOnlyInEnforce()
      throws Exception {
    decisions(
        GuardMode.AUDIT,
        new Decision(
            "cursor",
            "crm",
            "",
            "https://mcp.example.com/sse",
            Verdict.DENIED,
            "server:crm",
            "Daylight: crm denied",
            null),
        new Decision(
            "cursor",
            "files",
            "npx -y fs-server /home",
            "",
            Verdict.NEEDS_APPROVAL,
            "pkg:npm/fs-server@1",
            "needs ok",
            null));
    String remote =
        "{\"hook_event_name\": \"beforeMCPExecution\", \"workspace_roots\": [\"/w\"], \"tool_name\": \"query\","
            + " \"tool_input\": {}, \"url\": \"https://mcp.example.com/sse?session=1\"}";
    assertThat(
            Json.mapper()
                .readTree(hook("cursor", GuardMode.AUDIT, remote).stdout())
                .path("permission")
                .asText())
        .isEqualTo("allow");
    assertThat(spool().get(0).path("decision").asText()).isEqualTo("audit");
    assertThat(spool().get(0).path("server").asText()).isEqualTo("crm");
    String local =
        "{\"hook_event_name\": \"beforeMCPExecution\", \"workspace_roots\": [\"/w\"], \"tool_name\": \"read\","
            + " \"tool_input\": {}, \"command\": \"npx -y fs-server /home\"}";
    hook("cursor", GuardMode.AUDIT, local);
    assertThat(spool().get(1).path("decision").asText()).isEqualTo("audit");

    decisions(
        GuardMode.ENFORCE,
        new Decision(
            "cursor",
            "crm",
            "",
            "https://mcp.example.com/sse",
            Verdict.DENIED,
            "server:crm",
            "Daylight: crm denied",
            null),
        new Decision(
            "cursor",
            "files",
            "npx -y fs-server /home",
            "",
            Verdict.NEEDS_APPROVAL,
            "pkg:npm/fs-server@1",
            "needs ok",
            null));
    JsonNode denied = Json.mapper().readTree(hook("cursor", GuardMode.AUDIT, remote).stdout());
    assertThat(denied.path("permission").asText()).isEqualTo("deny");
    assertThat(denied.path("user_message").asText()).isEqualTo("Daylight: crm denied");
    assertThat(
            Json.mapper()
                .readTree(hook("cursor", GuardMode.AUDIT, local).stdout())
                .path("permission")
                .asText())
        .isEqualTo("deny");
    String unknown = local.replace("fs-server", "other-server");
    assertThat(
            Json.mapper()
                .readTree(hook("cursor", GuardMode.AUDIT, unknown).stdout())
                .path("permission")
                .asText())
        .isEqualTo("allow");
  }

  @Test
  void aSpoolThatCannotBeWrittenStillGetsTheAnswerOutAndNeverExitsTwo() throws Exception {
    decisions(
        GuardMode.ENFORCE,
        new Decision(
            "claude-code", "mail", "", "", Verdict.SUSPENDED, "pkg:npm/m@2", "held", null));
    Files.createDirectories(
        Spool.file(state)); // a directory: awk cannot append to it, not even as root
    Answer a = hook("claude-code", GuardMode.ENFORCE, CLAUDE_CALL);
    assertThat(a.exit()).isNotEqualTo(2); // 2 would be Claude Code's and Codex's "blocking error"
    assertThat(
            Json.mapper()
                .readTree(a.stdout())
                .path("hookSpecificOutput")
                .path("permissionDecisionReason")
                .asText())
        .isEqualTo("held");
  }

  @Test
  void windsurfRefusesWithExitTwoEvenWhenTheSpoolCannotBeWritten() throws Exception {
    decisions(
        GuardMode.ENFORCE,
        new Decision("windsurf", "mail", "", "", Verdict.SUSPENDED, "pkg:npm/m@2", "held", null));
    Files.createDirectories(Spool.file(state));
    String call =
        "{\"agent_action_name\": \"pre_mcp_tool_use\", \"tool_info\": {\"mcp_server_name\": \"mail\","
            + " \"mcp_tool_name\": \"send\", \"mcp_tool_arguments\": {}}}";
    Process p =
        new ProcessBuilder(
                "sh", "-c", HookScripts.command(script, "windsurf", GuardMode.ENFORCE, state, null))
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(call.getBytes(UTF_8));
    }
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(new String(p.getErrorStream().readAllBytes(), UTF_8)).contains("held");
  }

  @Test
  void nestedFieldsAreReadOnlyWhereEachClientPutsThemNeverFromTheToolsArguments() throws Exception {
    decisions(
        GuardMode.ENFORCE,
        new Decision("gemini-cli", "mail", "", "", Verdict.SUSPENDED, "pkg:npm/m@2", "held", null),
        new Decision("windsurf", "mail", "", "", Verdict.SUSPENDED, "pkg:npm/m@2", "held", null));
    String gemini =
        "{\"tool_name\": \"mcp_other_send\", \"cwd\": \"/p\","
            + " \"tool_input\": {\"mcp_context\": {\"server_name\": \"mail\"}, \"server_name\": \"mail\"},"
            + " \"mcp_context\": {\"server_name\": \"other\", \"tool_name\": \"send\", \"args\": [\"mail\"]}}";
    assertThat(hook("gemini-cli", GuardMode.ENFORCE, gemini).stdout()).isEmpty();
    assertThat(spool().get(0).path("server").asText()).isEqualTo("other");
    String windsurf =
        "{\"agent_action_name\": \"pre_mcp_tool_use\", \"tool_info\": {\"mcp_server_name\": \"other\","
            + " \"mcp_tool_name\": \"send\", \"mcp_tool_arguments\": {\"mcp_server_name\": \"mail\"}}}";
    assertThat(hook("windsurf", GuardMode.ENFORCE, windsurf).exit()).isZero();
    assertThat(spool().get(1).path("server").asText()).isEqualTo("other");
    // Without mcp_context (older Gemini CLI), the mcp_SERVER_TOOL name still names the server.
    String bare = "{\"tool_name\": \"mcp_mail_send\", \"cwd\": \"/p\", \"tool_input\": {}}";
    assertThat(
            Json.mapper()
                .readTree(hook("gemini-cli", GuardMode.ENFORCE, bare).stdout())
                .path("decision")
                .asText())
        .isEqualTo("deny");
    assertThat(spool().get(2).path("tool").asText()).isEqualTo("send");
  }

  @Test
  void copilotToolNamesAreMatchedByTheLongestServerNameAndBuiltInToolsPassUnrecorded()
      throws Exception {
    decisions(
        GuardMode.ENFORCE,
        new Decision(
            "copilot-cli", "github", "", "", Verdict.SUSPENDED, "pkg:npm/g@2", "github held", null),
        new Decision(
            "copilot-cli", "github-mcp-server", "", "", Verdict.ALLOW, "pkg:npm/gms@1", "", null));
    String mcp =
        "{\"sessionId\": \"s\", \"timestamp\": 1, \"cwd\": \"/p\", \"toolName\": \"github-mcp-server-list_issues\","
            + " \"toolArgs\": {}}";
    assertThat(hook("copilot-cli", GuardMode.ENFORCE, mcp).stdout()).isEmpty();
    assertThat(spool().get(0).path("server").asText()).isEqualTo("github-mcp-server");
    assertThat(spool().get(0).path("tool").asText()).isEqualTo("list_issues");
    String held = mcp.replace("github-mcp-server-list_issues", "github-create_issue");
    assertThat(
            Json.mapper()
                .readTree(hook("copilot-cli", GuardMode.ENFORCE, held).stdout())
                .path("permissionDecisionReason")
                .asText())
        .isEqualTo("github held");
    String builtIn = mcp.replace("github-mcp-server-list_issues", "bash");
    assertThat(hook("copilot-cli", GuardMode.ENFORCE, builtIn).stdout()).isEmpty();
    assertThat(spool()).hasSize(2);
  }

  @Test
  void anUnknownServerIsRecordedByItsProgramOrOriginNeverItsSecrets() throws Exception {
    decisions(GuardMode.AUDIT);
    hook(
        "cursor",
        GuardMode.AUDIT,
        "{\"hook_event_name\": \"beforeMCPExecution\", \"tool_name\": \"q\", \"tool_input\": {},"
            + " \"command\": \"npx -y s-mcp --api-key sk-live-SECRET1\"}");
    hook(
        "cursor",
        GuardMode.AUDIT,
        "{\"hook_event_name\": \"beforeMCPExecution\", \"tool_name\": \"q\", \"tool_input\": {},"
            + " \"url\": \"https://u:SECRET2@mcp.example.com:8443/x?key=SECRET3\"}");
    assertThat(spool())
        .extracting(l -> l.path("server").asText())
        .containsExactly("npx", "https://mcp.example.com:8443");
    assertThat(Files.readString(Spool.file(state))).doesNotContain("SECRET");
  }

  @Test
  void spoolTimestampIsTheCurrentUtcSecond() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    hook("claude-code", GuardMode.AUDIT, CLAUDE_CALL);
    Instant ts = Instant.parse(spool().get(0).path("ts").asText());
    assertThat(ts).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
  }
}
