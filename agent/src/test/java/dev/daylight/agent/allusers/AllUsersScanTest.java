package dev.daylight.agent.allusers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.daylight.agent.cli.ExitCodes;
import dev.daylight.agent.cli.Main;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Accounts.Account;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several homes through the real scanner, as {@code daylight scan --all-users} runs them. */
class AllUsersScanTest {
  @TempDir Path tmp;

  @Test
  void everyHomeIsScannedWithItsOwnLayoutAndEachServerNamesItsUser() throws IOException {
    Path alice =
        write(
            "home/alice/.claude.json",
            "{\"mcpServers\":{\"postmark\":{\"command\":\"npx\",\"args\":[\"-y\",\"postmark-mcp@1.0.16\"]}}}");
    Path bob =
        write(
            "home/bob/.config/Code/User/mcp.json",
            "{\"servers\":{\"github\":{\"command\":\"npx\",\"args\":[\"-y\",\"@modelcontextprotocol/server-github\"]}}}");
    Path agentHome = Files.createDirectories(tmp.resolve("root"));

    Inventory all =
        AllUsers.scan(
            Scanner.standard()::scan,
            ScanContext.forHome(agentHome, Os.LINUX),
            List.of(
                new Account("alice", alice.getParent()),
                new Account("bob", bob.getParent().getParent().getParent().getParent())));

    assertThat(all.servers())
        .extracting(
            McpServer::osUser, McpServer::name, s -> s.pkg() == null ? null : s.pkg().name())
        .containsExactlyInAnyOrder(
            tuple("alice", "postmark", "postmark-mcp"),
            tuple("bob", "github", "@modelcontextprotocol/server-github"));
    assertThat(all.servers())
        .allSatisfy(
            s -> assertThat(Path.of(s.configPath())).startsWith(tmp.resolve("home/" + s.osUser())));
    assertThat(all.clients())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.osUser()).isIn("alice", "bob"));
  }

  @Test
  void allUsersIsAMachineScanAndRefusesAFakeHome() {
    assertThat(Main.run("scan", "--all-users", "--home", tmp.toString(), "--format", "json"))
        .isEqualTo(ExitCodes.USAGE);
  }

  private Path write(String relative, String text) throws IOException {
    Path p = tmp.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }
}
