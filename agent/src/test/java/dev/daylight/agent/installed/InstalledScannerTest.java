package dev.daylight.agent.installed;

import static dev.daylight.agent.installed.FakeCaches.distInfo;
import static dev.daylight.agent.installed.FakeCaches.nodeModule;
import static dev.daylight.agent.installed.FakeCaches.npx;
import static dev.daylight.agent.installed.FakeCaches.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledScannerTest {
  @TempDir Path home;

  private List<InstalledPackage> scan(Os os) {
    InstalledScanner.Result r = InstalledScanner.scan(ScanContext.forHome(home, os));
    assertThat(r.errors()).isEmpty();
    return r.packages();
  }

  @Test
  void npxCacheListsWhatEachRunAskedForWithPurlPathAndManifestHash() throws IOException {
    npx(home.resolve(".npm"), "a1b2", "postmark-mcp", "1.0.15");
    npx(home.resolve(".npm"), "c3d4", "postmark-mcp", "1.0.16");
    npx(home.resolve(".npm"), "e5f6", "@activecampaign/postmark-mcp", "1.0.3");
    List<InstalledPackage> p = scan(Os.LINUX);
    assertThat(p)
        .extracting(InstalledPackage::purl)
        .containsExactly(
            "pkg:npm/postmark-mcp@1.0.15",
            "pkg:npm/postmark-mcp@1.0.16",
            "pkg:npm/%40activecampaign/postmark-mcp@1.0.3");
    InstalledPackage first = p.get(0);
    assertThat(first.source()).isEqualTo("npx-cache");
    assertThat(first.installPath())
        .isEqualTo(home.resolve(".npm/_npx/a1b2/node_modules/postmark-mcp").toString());
    assertThat(first.manifestSha256()).hasSize(64).isNotEqualTo(p.get(1).manifestSha256());
  }

  @Test
  void npmrcCacheSettingMovesTheNpxCache() throws IOException {
    write(home.resolve(".npmrc"), "; comment\ncache = ~/custom-npm-cache\n");
    npx(home.resolve("custom-npm-cache"), "x", "mcp-remote", "0.1.15");
    npx(home.resolve(".npm"), "y", "ignored-here", "1.0.0");
    assertThat(scan(Os.LINUX)).extracting(InstalledPackage::name).containsExactly("mcp-remote");
  }

  @Test
  void windowsKeepsTheNpmCacheAndGlobalsUnderAppData() throws IOException {
    npx(home.resolve("AppData/Local/npm-cache"), "r", "postmark-mcp", "1.0.16");
    nodeModule(
        home.resolve("AppData/Roaming/npm/node_modules"), "@anthropic-ai/claude-code", "2.0.1");
    assertThat(scan(Os.WINDOWS))
        .extracting(InstalledPackage::source, InstalledPackage::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("npx-cache", "postmark-mcp"),
            org.assertj.core.groups.Tuple.tuple("npm-global", "@anthropic-ai/claude-code"));
  }

  @Test
  void globalNpmNvmAndBunInstalls() throws IOException {
    nodeModule(home.resolve(".nvm/versions/node/v22.1.0/lib/node_modules"), "nx", "21.5.0");
    nodeModule(home.resolve(".bun/install/global/node_modules"), "@playwright/mcp", "0.0.41");
    assertThat(scan(Os.MACOS))
        .extracting(InstalledPackage::source, InstalledPackage::purl)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("npm-global", "pkg:npm/nx@21.5.0"),
            org.assertj.core.groups.Tuple.tuple("bun-global", "pkg:npm/%40playwright/mcp@0.0.41"));
  }

  @Test
  void uvToolsUvCacheAndPipx() throws IOException {
    Path tool = home.resolve(".local/share/uv/tools/mcp-server-git");
    distInfo(tool.resolve("lib/python3.12/site-packages"), "mcp-server-git", "0.6.2");
    distInfo(tool.resolve("lib/python3.12/site-packages"), "pydantic", "2.11.0");
    distInfo(home.resolve(".cache/uv/archive-v0/Xy12"), "DeepSeeek", "0.0.8");
    write(
        home.resolve(".local/share/pipx/venvs/mcp-proxy/pipx_metadata.json"),
        "{\"main_package\":{\"package\":\"mcp-proxy\",\"package_version\":\"0.8.0\"}}");
    assertThat(scan(Os.LINUX))
        .extracting(InstalledPackage::source, InstalledPackage::purl)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("uv-tool", "pkg:pypi/mcp-server-git@0.6.2"),
            org.assertj.core.groups.Tuple.tuple("uv-cache", "pkg:pypi/deepseeek@0.0.8"),
            org.assertj.core.groups.Tuple.tuple("pipx", "pkg:pypi/mcp-proxy@0.8.0"));
  }

  @Test
  void aBrokenManifestIsOneErrorNotAFailedScan() throws IOException {
    write(home.resolve(".npm-global/lib/node_modules/bad/package.json"), "{ not json");
    nodeModule(home.resolve(".npm-global/lib/node_modules"), "good", "1.0.0");
    InstalledScanner.Result r = InstalledScanner.scan(ScanContext.forHome(home, Os.LINUX));
    assertThat(r.packages()).extracting(InstalledPackage::name).containsExactly("good");
    assertThat(r.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.path()).endsWith("package.json"));
  }

  @Test
  void aFloatingServerGetsTheNewestCachedVersionAndAPinnedOneKeepsItsPin() throws IOException {
    npx(home.resolve(".npm"), "a", "postmark-mcp", "1.0.9");
    npx(home.resolve(".npm"), "b", "postmark-mcp", "1.0.16");
    npx(home.resolve(".npm"), "c", "postmark-mcp", "1.0.10");
    List<InstalledPackage> installed = scan(Os.LINUX);
    McpServer floating =
        server(new PackageRef("pkg:npm/postmark-mcp", "npm", "postmark-mcp", null, false, null));
    PackageRef resolved = InstalledStage.resolve(floating, installed).pkg();
    assertThat(resolved.version()).isEqualTo("1.0.16");
    assertThat(resolved.versionSource()).isEqualTo("cache");
    assertThat(resolved.pinned()).isFalse();
    McpServer pinned =
        server(
            new PackageRef(
                "pkg:npm/postmark-mcp@1.0.9", "npm", "postmark-mcp", "1.0.9", true, "command-pin"));
    assertThat(InstalledStage.resolve(pinned, installed).pkg().version()).isEqualTo("1.0.9");
    McpServer other =
        server(
            new PackageRef(
                "pkg:npm/%40activecampaign/postmark-mcp",
                "npm", "@activecampaign/postmark-mcp", null, false, null));
    assertThat(InstalledStage.resolve(other, installed).pkg().version()).isNull();
  }

  @Test
  void manifestParsersReadOnlyTheHeaders() {
    assertThat(Manifests.coreMetadata("Name: a-b\nVersion: 1.0\n\nName: body\n".getBytes()))
        .get()
        .satisfies(nv -> assertThat(nv).isEqualTo(new Manifests.NameVersion("a-b", "1.0")));
    assertThat(Manifests.npmrc("prefix=/opt/npm\n#cache=/x\ncache=\"/y\"", "cache")).contains("/y");
    assertThat(Manifests.packageJson("{\"version\":\"1\"}".getBytes())).isEmpty();
    assertThat(Files.exists(home)).isTrue();
  }

  private static McpServer server(PackageRef p) {
    return McpServer.builder()
        .id("s")
        .client("cursor")
        .scope(Scope.USER)
        .configPath("/h/.cursor/mcp.json")
        .line(2)
        .name("pm")
        .transport(Transport.STDIO)
        .command("npx")
        .args(List.of("-y", p.name()))
        .enabled(true)
        .pkg(p)
        .build();
  }
}
