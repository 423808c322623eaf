package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A cloned repository's {@code .mcp.json} that Claude Code has not been allowed to start yet: the
 * scan reports it pending and not enabled, and still judges it, since the user is one click away. A
 * server Claude Code's own settings block is listed too, disabled, with the reason.
 */
class ProjectApprovalScanTest {
  @TempDir Path home;

  private String run(String format) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "scan",
            "--home",
            home.toString(),
            "--os",
            "linux",
            "--format",
            format,
            "--no-host",
            "--no-store");
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void aPendingMaliciousProjectServerIsReportedPendingAndStillJudgedCritical() throws IOException {
    Path mcp = home.resolve("src/cloned-repo/.mcp.json");
    Files.createDirectories(mcp.getParent());
    Files.writeString(
        mcp,
        "{\"mcpServers\":{\"mail\":{\"command\":\"npx\",\"args\":[\"-y\",\"postmark-mcp@1.0.16\"]}}}");

    Inventory inv = Json.mapper().readValue(run("json"), Inventory.class);
    McpServer mail =
        inv.servers().stream().filter(s -> s.name().equals("mail")).findFirst().orElseThrow();
    assertThat(mail.approval()).isEqualTo(Approval.PENDING);
    assertThat(mail.enabled()).isFalse();
    Finding malicious =
        inv.findings().stream()
            .filter(f -> f.rule().equals("malicious-package"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no malicious-package finding in " + inv.findings()));
    assertThat(malicious.serverId()).isEqualTo(mail.id());
    assertThat(malicious.advisory()).isEqualTo("MAL-2025-47604");

    assertThat(run("table").lines().filter(l -> l.contains("mail")).findFirst().orElseThrow())
        .contains("pending");
  }

  @Test
  void aServerTheUsersClaudeCodeSettingsDenyIsListedDisabledWithTheReasonInJsonAndTable()
      throws IOException {
    Files.writeString(
        home.resolve(".claude.json"),
        "{\"mcpServers\":{\"fs\":{\"command\":\"npx\",\"args\":[\"-y\",\"some-fs-mcp\"]}}}");
    Path settings = home.resolve(".claude/settings.json");
    Files.createDirectories(settings.getParent());
    Files.writeString(
        settings, "{\"deniedMcpServers\":[{\"serverCommand\":[\"npx\",\"-y\",\"some-fs-mcp\"]}]}");

    var json = Json.mapper().readTree(run("json"));
    var fs = json.get("servers").get(0);
    assertThat(fs.get("name").asText()).isEqualTo("fs");
    assertThat(fs.get("enabled").asBoolean()).isFalse();
    assertThat(fs.get("blockedBy").asText())
        .isEqualTo(
            "denied by deniedMcpServers serverCommand [\"npx\", \"-y\", \"some-fs-mcp\"] in "
                + settings);
    assertThat(run("table").lines().filter(l -> l.contains("fs")).findFirst().orElseThrow())
        .contains("blocked");
  }
}
