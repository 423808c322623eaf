package dev.daylight.agent.cli;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard's needs-approval verdict, from the unapproved-capability finding through the real
 * decision file to the hook Claude Code runs: recorded in audit, refused in enforce, let through
 * once the server is approved.
 */
class GuardApprovalTest {
  static final String CALL =
      """
      {"session_id": "s1", "cwd": "/home/ann/project", "hook_event_name": "PreToolUse",
       "tool_name": "mcp__stripe__create_refund", "tool_input": {"charge": "ch_1"}, "tool_use_id": "toolu_1"}
      """;

  @TempDir Path home;
  @TempDir Path state;
  String out;

  @Test
  void aServerWithAnUnapprovedClassIsRecordedInAuditRefusedInEnforceAndLetThroughOnceApproved()
      throws Exception {
    Files.writeString(
        home.resolve(".claude.json"),
        "{\"mcpServers\": {\"stripe\": {\"url\": \"https://mcp.stripe.com\"}}}");
    Files.createDirectories(home.resolve(".claude"));
    Files.writeString(home.resolve(".claude/settings.json"), "{}");
    assertThat(cli("scan", "--home", home.toString(), "--os", "linux", "--no-host")).isZero();

    assertThat(decisionLine("stripe"))
        .contains("\tneeds-approval\t")
        .contains("Daylight: Server 'stripe' can move money (payments) and has no approval");
    assertThat(cli("guard", "install", "--home", home.toString(), "--os", "linux")).isZero();
    String command =
        Json.mapper()
            .readTree(home.resolve(".claude/settings.json").toFile())
            .findValuesAsText("command")
            .stream()
            .filter(c -> c.contains("daylight-guard"))
            .findFirst()
            .orElseThrow();

    GuardEndToEndTest.Hook audit = GuardEndToEndTest.runHook(command, CALL);
    assertThat(audit.exit()).isZero();
    GuardEndToEndTest.assertAllowed("claude-code", audit);
    assertThat(lastSpoolLine().path("decision").asText()).isEqualTo("audit");
    assertThat(lastSpoolLine().path("reason").asText()).contains("payments");

    assertThat(cli("guard", "mode", "enforce")).isZero();
    GuardEndToEndTest.Hook enforce = GuardEndToEndTest.runHook(command, CALL);
    GuardEndToEndTest.assertDenied(
        "claude-code",
        enforce,
        "can move money (payments) and has no approval, so this call needs an approval");
    assertThat(enforce.stdout()).contains("daylight review approve server:stripe");

    assertThat(cli("review", "approve", "server:stripe")).isZero();
    assertThat(decisionLine("stripe")).contains("\tallow\t");
    GuardEndToEndTest.assertAllowed("claude-code", GuardEndToEndTest.runHook(command, CALL));
    assertThat(lastSpoolLine().path("decision").asText()).isEqualTo("allow");
  }

  private String decisionLine(String server) throws IOException {
    return Files.readAllLines(state.resolve("guard/decisions.tsv")).stream()
        .filter(l -> l.contains("\t" + server + "\t"))
        .findFirst()
        .orElseThrow();
  }

  private JsonNode lastSpoolLine() throws IOException {
    List<String> lines = Files.readAllLines(state.resolve("guard/spool.jsonl"));
    return Json.mapper().readTree(lines.get(lines.size() - 1));
  }

  private int cli(String... args) {
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
