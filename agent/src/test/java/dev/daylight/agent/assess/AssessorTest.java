package dev.daylight.agent.assess;

import static dev.daylight.agent.assess.Servers.npm;
import static dev.daylight.agent.assess.Servers.stdio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.agent.intel.Intel;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import dev.daylight.protocol.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssessorTest {
  private static final Intel INTEL = Intel.bundled();
  private static final Path HOME = Path.of("/home/dana");

  private static Inventory inventory(List<McpServer> servers) {
    return Inventory.builder()
        .schemaVersion(1)
        .scanId("scan-1")
        .host(new Host(null, null, "linux", null, null, null, null))
        .servers(servers)
        .build();
  }

  private static List<Finding> assess(McpServer... servers) {
    return new Assessor(INTEL, RuleConfig.defaults())
        .assess(inventory(List.of(servers)), HOME)
        .findings();
  }

  private static List<Finding> rule(List<Finding> all, String id) {
    return all.stream().filter(f -> f.rule().equals(id)).toList();
  }

  private static McpServer postmarkFromCache(String name, String cached) {
    return stdio("postmark", "npx", "-y", name)
        .withPackage(npm(name, null).withResolvedVersion(cached, "cache"));
  }

  @Test
  void theSeedCaseIsACriticalFindingNamingAdvisoryClientFileLineAndRemedy() {
    List<Finding> all = assess(postmarkFromCache("postmark-mcp", "1.0.16"));
    assertThat(rule(all, "malicious-package"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(f.advisory()).isEqualTo("MAL-2025-47604");
              assertThat(f.title())
                  .contains("postmark-mcp@1.0.16", "MAL-2025-47604", "cursor", "\"postmark\"");
              assertThat(f.serverId()).isEqualTo("srv-postmark");
              assertThat(f.purl()).isEqualTo("pkg:npm/postmark-mcp");
              assertThat(f.evidence().file()).isEqualTo(Servers.CURSOR_FILE);
              assertThat(f.evidence().line()).isEqualTo(3);
              assertThat(f.evidence().text()).contains("npx -y postmark-mcp", "cache holds 1.0.16");
              assertThat(f.remediation()).contains("remove", Servers.CURSOR_FILE, "rotate");
            });
    assertThat(all.get(0).rule()).isEqualTo("malicious-package");
  }

  @Test
  void theOfficialScopedPackageAndAnOlderPinAreClean() {
    assertThat(
            rule(
                assess(postmarkFromCache("@activecampaign/postmark-mcp", "1.0.16")),
                "malicious-package"))
        .isEmpty();
    McpServer pinned =
        stdio("postmark", "npx", "-y", "postmark-mcp@1.0.15")
            .withPackage(npm("postmark-mcp", "1.0.15"));
    List<Finding> all = assess(pinned);
    assertThat(rule(all, "malicious-package")).isEmpty();
    assertThat(rule(all, "unpinned-package")).isEmpty();
  }

  @Test
  void aFloatingPackageWithNothingCachedIsPossiblyMalicious() {
    McpServer floating =
        stdio("postmark", "npx", "-y", "postmark-mcp").withPackage(npm("postmark-mcp", null));
    assertThat(rule(assess(floating), "malicious-package"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.title()).contains("Possibly", "not pinned");
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            });
  }

  @Test
  void aFloatingPackageWithACleanCachedVersionIsStillPossiblyMaliciousButOnlyHigh() {
    assertThat(rule(assess(postmarkFromCache("postmark-mcp", "1.0.15")), "malicious-package"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.title())
                  .contains("Possibly", "cache holds 1.0.15, which is not affected");
            });
  }

  @Test
  void aVulnerableMcpToolIsRatedByItsAdvisoryAndOnlyWhenTheVersionIsKnown() {
    McpServer old =
        stdio("remote", "npx", "mcp-remote@0.1.15", "https://x.example/sse")
            .withPackage(npm("mcp-remote", "0.1.15"));
    assertThat(rule(assess(old), "vulnerable-package"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(f.advisory()).isEqualTo("GHSA-6xpm-ggf7-wc3p");
              assertThat(f.title()).contains("CVE-2025-6514");
              assertThat(f.remediation()).startsWith("Upgrade to 0.1.16 or later and pin");
            });
    McpServer floating = stdio("remote", "npx", "mcp-remote").withPackage(npm("mcp-remote", null));
    assertThat(rule(assess(floating), "vulnerable-package")).isEmpty();
  }

  @Test
  void anInstalledMaliciousPackageNoServerRunsIsReportedByPath() {
    Inventory inv =
        Inventory.builder()
            .schemaVersion(1)
            .scanId("s")
            .host(new Host(null, null, "linux", null, null, null, null))
            .packages(
                List.of(
                    new InstalledPackage(
                        "pkg:npm/nx@21.5.0",
                        "npm",
                        "nx",
                        "21.5.0",
                        "npm-global",
                        "/usr/lib/node_modules/nx",
                        "abc",
                        null,
                        null)))
            .build();
    List<Finding> f = new Assessor(INTEL, RuleConfig.defaults()).assess(inv, HOME).findings();
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.advisory()).isEqualTo("MAL-2025-41443");
              assertThat(x.evidence().file()).isEqualTo("/usr/lib/node_modules/nx");
              assertThat(x.serverId()).isNull();
            });
  }

  @Test
  void unpinnedLaunchLinesAreFlaggedWithTheCachedVersion() {
    List<Finding> f =
        rule(
            assess(postmarkFromCache("@activecampaign/postmark-mcp", "1.0.3")), "unpinned-package");
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(x.title()).contains("cache holds 1.0.3");
            });
  }

  @Test
  void findingIdsAreStableAcrossScansAndDistinctPerSubject() {
    List<Finding> a = assess(postmarkFromCache("postmark-mcp", "1.0.16"));
    List<Finding> b = assess(postmarkFromCache("postmark-mcp", "1.0.16"));
    assertThat(a)
        .extracting(Finding::id)
        .containsExactlyElementsOf(b.stream().map(Finding::id).toList());
    assertThat(a).extracting(Finding::id).doesNotHaveDuplicates();
  }

  @Test
  void rulesCanBeSwitchedOffAndReRated() {
    McpServer s = postmarkFromCache("postmark-mcp", "1.0.16");
    RuleConfig config =
        new RuleConfig(
            Set.of("unpinned-package", "typosquat"), Map.of("malicious-package", Severity.HIGH));
    List<Finding> f = new Assessor(INTEL, config).assess(inventory(List.of(s)), HOME).findings();
    assertThat(f).extracting(Finding::rule).containsExactly("malicious-package");
    assertThat(f.get(0).severity()).isEqualTo(Severity.HIGH);
    assertThatThrownBy(() -> new Assessor(INTEL, new RuleConfig(Set.of("no-such-rule"), Map.of())))
        .hasMessageContaining("no-such-rule");
  }

  @Test
  void exposedModelServersAndConfigErrors() {
    Client ollama =
        new Client(
            "ollama",
            "Ollama",
            "model-runtime",
            null,
            List.of(new Evidence("port", null, null, "ollama listening on 0.0.0.0:11434")),
            null);
    Client lmstudio =
        new Client(
            "lm-studio",
            "LM Studio",
            "model-runtime",
            null,
            List.of(new Evidence("port", null, null, "listening on 127.0.0.1:1234")),
            null);
    Inventory inv =
        Inventory.builder()
            .schemaVersion(1)
            .scanId("s")
            .host(new Host(null, null, "linux", null, null, null, null))
            .clients(List.of(ollama, lmstudio))
            .errors(
                List.of(
                    new ScanError("/home/dana/.cursor/mcp.json", "line 4: unexpected character")))
            .build();
    List<Finding> f = new Assessor(INTEL, RuleConfig.defaults()).assess(inv, HOME).findings();
    assertThat(f).extracting(Finding::rule).containsExactly("exposed-model-server", "config-error");
    assertThat(f.get(0).title()).contains("Ollama", "0.0.0.0:11434");
    assertThat(f.get(1).severity()).isEqualTo(Severity.LOW);
    assertThat(f.get(1).evidence().file()).isEqualTo("/home/dana/.cursor/mcp.json");
  }
}
