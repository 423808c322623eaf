package dev.daylight.agent.allusers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Accounts.Account;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.platform.Root;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllUsersTest {
  private final List<ScanContext> seen = new ArrayList<>();

  /** Finds one server in the home it is given, as discovery would for a file there. */
  private Inventory scanOne(ScanContext c) {
    seen.add(c);
    String config = c.layout().expand("{xdgconfig}/Code/User/mcp.json").orElseThrow().toString();
    McpServer server =
        McpServer.builder()
            .id("id-" + c.home())
            .client("vscode")
            .scope(Scope.USER)
            .configPath(config)
            .line(1)
            .name("github")
            .transport(Transport.STDIO)
            .command("npx")
            .args(List.of("-y", "@modelcontextprotocol/server-github"))
            .enabled(true)
            .build();
    Client client = new Client("vscode", "VS Code", "app", null, List.of(), null);
    return Inventory.builder()
        .schemaVersion(SchemaVersion.CURRENT)
        .scanId("scan-" + seen.size())
        .startedAt(Instant.EPOCH)
        .finishedAt(Instant.EPOCH)
        .host(new Host(null, null, c.os().wire(), null, null, c.osUser().orElse(null), null))
        .clients(List.of(client))
        .servers(List.of(server))
        .build();
  }

  @Test
  void eachHomeIsScannedAsItsOwnLayoutAndItsFindingsCarryTheAccount() {
    ScanContext own =
        new ScanContext(
            Layout.of(Os.LINUX, Path.of("/root"), Map.of("XDG_CONFIG_HOME", "/root/.cfg")),
            Map.of("XDG_CONFIG_HOME", "/root/.cfg"),
            true,
            true,
            5,
            Optional.empty(),
            Optional.empty());
    List<Account> accounts =
        List.of(
            new Account("alice", Path.of("/home/alice")),
            new Account("bob", Path.of("/home/bob")),
            new Account("root", Path.of("/root")));

    Inventory all = AllUsers.scan(this::scanOne, own, accounts);

    assertThat(all.servers())
        .extracting(McpServer::osUser, McpServer::configPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("root", "/root/.cfg/Code/User/mcp.json"),
            org.assertj.core.groups.Tuple.tuple("alice", "/home/alice/.config/Code/User/mcp.json"),
            org.assertj.core.groups.Tuple.tuple("bob", "/home/bob/.config/Code/User/mcp.json"));
    assertThat(all.clients()).extracting(Client::osUser).containsExactly("root", "alice", "bob");
    assertThat(all.scanId()).as("the agent's own part comes first").isEqualTo("scan-1");
    // The agent's environment and host probes stay with its own scan; other homes get neither.
    assertThat(seen).hasSize(3);
    assertThat(seen.get(0).hostProbes()).isTrue();
    assertThat(seen.get(0).layout().root(Root.SYSTEM_CONFIG)).isPresent();
    assertThat(seen.subList(1, 3))
        .allSatisfy(
            c -> {
              assertThat(c.hostProbes()).isFalse();
              assertThat(c.environment()).isEmpty();
              assertThat(c.layout().root(Root.SYSTEM_CONFIG)).isEmpty();
              assertThat(c.store()).isTrue();
            });
  }

  @Test
  void aServiceAccountAgentAlsoScansItselfOnceForTheMachineWideParts() {
    ScanContext own =
        new ScanContext(
            Layout.of(Os.WINDOWS, Path.of("C:/Windows/system32/config/systemprofile"), Map.of()),
            Map.of(),
            true,
            false,
            5,
            Optional.empty(),
            Optional.empty());
    Inventory all =
        AllUsers.scan(this::scanOne, own, List.of(new Account("alice", Path.of("C:/Users/alice"))));
    assertThat(seen).extracting(c -> c.osUser().orElse("-")).containsExactly("-", "alice");
    assertThat(all.servers()).extracting(McpServer::osUser).containsExactly(null, "alice");
    assertThat(all.servers().get(1).configPath()).contains("alice");
    assertThat(seen.get(1).os()).isEqualTo(Os.WINDOWS);
  }

  @Test
  void anOsUserDiscoveryAlreadySetIsKept() {
    Inventory one = scanOne(ScanContext.forHome(Path.of("/home/x"), Os.LINUX));
    McpServer s = one.servers().get(0);
    McpServer tagged = s.toBuilder().osUser("already").approval(null).blockedBy(null).build();
    Inventory in =
        Inventory.builder()
            .schemaVersion(one.schemaVersion())
            .scanId(one.scanId())
            .startedAt(one.startedAt())
            .finishedAt(one.finishedAt())
            .host(one.host())
            .clients(one.clients())
            .servers(List.of(tagged))
            .packages(one.packages())
            .findings(one.findings())
            .errors(one.errors())
            .build();
    assertThat(AllUsers.tag(in, "other").servers())
        .extracting(McpServer::osUser)
        .containsExactly("already");
  }

  @Test
  void aFakeHomeWatchesOnlyItself() {
    ScanContext own = ScanContext.forHome(Path.of("/tmp/fake-home"), Os.MACOS);
    assertThat(AllUsers.contexts(own)).containsExactly(own);
  }
}
