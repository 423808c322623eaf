package dev.daylight.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.installed.InstalledStage;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import dev.daylight.testing.Requires;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a hostile user leaves at config paths to stop, hang or crash the scan of the whole machine:
 * each is one error with a reason, and the good file beside them is still read. The timeout only
 * guards against the hang these files used to cause.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileFilesTest {
  private static final String GOOD =
      "{\"mcpServers\":{\"ok\":{\"command\":\"npx\",\"args\":[\"ok-mcp\"]}}}";

  @TempDir Path tmp;

  @Test
  void deepXmlFifoDevZeroSparseNpmrcAndLinksOutAreErrorsAndTheScanGoesOn() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    FakeHome h = new FakeHome(home, Os.LINUX);
    h.write(".lmstudio/mcp.json", GOOD);
    Path xml =
        h.write(
            ".config/JetBrains/IntelliJIdea2025.1/options/llm.mcpServers.xml", nestedXml(5_000));
    Path fifo = home.resolve(".cursor/mcp.json");
    Files.createDirectories(fifo.getParent());
    mkfifo(fifo);
    Path zero = home.resolve(".gemini/settings.json");
    Files.createDirectories(zero.getParent());
    Files.createSymbolicLink(zero, Path.of("/dev/zero"));
    Path npmrc = home.resolve(".npmrc");
    try (RandomAccessFile f = new RandomAccessFile(npmrc.toFile(), "rw")) {
      f.setLength(3L * 1024 * 1024 * 1024); // sparse: costs no disk
    }
    Path outside =
        Files.writeString(tmp.resolve("other-user-mcp.json"), GOOD.replace("ok", "theirs"));
    Path linkOut = home.resolve(".kiro/settings/mcp.json");
    Files.createDirectories(linkOut.getParent());
    Files.createSymbolicLink(linkOut, outside);
    Path deepJson = h.write(".codeium/windsurf/mcp_config.json", "[".repeat(100_000));
    Path deepYaml = h.write(".continue/config.yaml", "a:\n" + nestedYaml(5_000));
    Path deepToml = h.write(".codex/config.toml", "x = " + "[".repeat(50_000) + "\n");

    Inventory inv =
        Scanner.standard().then(new InstalledStage()).scan(ScanContext.forHome(home, Os.LINUX));

    assertThat(inv.servers()).extracting(McpServer::name).containsExactly("ok");
    Map<String, String> reasons =
        inv.errors().stream()
            .collect(Collectors.toMap(ScanError::path, ScanError::reason, (a, b) -> a + " | " + b));
    assertThat(reasons.get(xml.toString())).isEqualTo("XML nested deeper than 64 levels, not read");
    assertThat(reasons.get(fifo.toString())).startsWith("not a regular file");
    assertThat(reasons.get(zero.toString())).isEqualTo("symbolic link leads outside the home");
    assertThat(reasons.get(npmrc.toString())).startsWith("file too large (3221225472 bytes");
    assertThat(reasons.get(linkOut.toString())).isEqualTo("symbolic link leads outside the home");
    assertThat(reasons.get(deepJson.toString())).startsWith("JSON nested deeper than 64 levels");
    assertThat(reasons.get(deepYaml.toString())).startsWith("YAML nested deeper than 64 levels");
    assertThat(reasons.get(deepToml.toString())).startsWith("TOML nested deeper than 64 levels");
    assertThat(inv.servers()).noneMatch(s -> s.name().equals("theirs"));
  }

  @Test
  void aLinkedFolderOutOfTheHomeIsRefusedLikeALinkedFile() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path other = Files.createDirectories(tmp.resolve("other/.cursor"));
    Files.writeString(other.resolve("mcp.json"), GOOD.replace("ok", "theirs"));
    Files.createSymbolicLink(home.resolve(".cursor"), other);
    Path npm = Files.createDirectories(tmp.resolve("other/.npm/_npx/a1/node_modules/their-pkg"));
    Files.writeString(
        npm.resolve("package.json"), "{\"name\":\"their-pkg\",\"version\":\"1.0.0\"}");
    Files.createSymbolicLink(home.resolve(".npm"), tmp.resolve("other/.npm"));

    Inventory inv =
        Scanner.standard().then(new InstalledStage()).scan(ScanContext.forHome(home, Os.LINUX));

    assertThat(inv.servers()).isEmpty();
    assertThat(inv.packages()).isEmpty();
    assertThat(inv.errors())
        .extracting(ScanError::path, ScanError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                home.resolve(".cursor/mcp.json").toString(),
                "a linked folder leads outside the home"));
    assertThat(inv.toString()).doesNotContain("their-pkg");
  }

  /**
   * Found by MutatedConfigsTest: a NUL byte in cache= made Path.of throw and the whole scan with
   * it.
   */
  @Test
  void anNpmrcFolderThatIsNoPathIsOneErrorNamingNoValue() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path npmrc = Files.writeString(home.resolve(".npmrc"), "cache=/tmp/se\u0000cret\n");
    new FakeHome(home, Os.LINUX).write(".lmstudio/mcp.json", GOOD);

    Inventory inv =
        Scanner.standard().then(new InstalledStage()).scan(ScanContext.forHome(home, Os.LINUX));

    assertThat(inv.servers()).extracting(McpServer::name).containsExactly("ok");
    assertThat(inv.errors())
        .extracting(ScanError::path, ScanError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                npmrc.toString(), "cache= is not a valid path, not read"));
  }

  @Test
  void linksThatStayInTheHomeAreFollowedAsDotfileManagersWriteThem() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    FakeHome h = new FakeHome(home, Os.LINUX);
    Path real = h.write("dotfiles/cursor/mcp.json", GOOD);
    Files.createDirectories(home.resolve(".cursor"));
    Files.createSymbolicLink(home.resolve(".cursor/mcp.json"), real);
    Discovery.Result r = h.scan();
    assertThat(r.errors()).isEmpty();
    assertThat(r.servers()).extracting(McpServer::name).containsExactly("ok");
  }

  @Test
  void aDeviceOrFifoReachedThroughALinkInsideTheHomeIsNotOpened() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path fifo = home.resolve("pipe");
    mkfifo(fifo);
    Files.createDirectories(home.resolve(".cursor"));
    Files.createSymbolicLink(home.resolve(".cursor/mcp.json"), fifo);
    Discovery.Result r = new FakeHome(home, Os.LINUX).scan();
    assertThat(r.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("not a regular file"));
  }

  static void mkfifo(Path p) throws IOException, InterruptedException {
    Process proc;
    try {
      proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw Requires.missing("mkfifo is not available here (coreutils): " + e.getMessage());
    }
    Requires.that(proc.waitFor() == 0 && Files.exists(p), "mkfifo could not create a FIFO here");
  }

  static String nestedXml(int depth) {
    StringBuilder b =
        new StringBuilder("<application><component name=\"McpApplicationServerCommands\">");
    b.append("<a>".repeat(depth)).append("</a>".repeat(depth));
    return b.append("</component></application>").toString();
  }

  private static String nestedYaml(int depth) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= depth; i++) {
      b.append(" ".repeat(i)).append("k:\n");
    }
    return b.toString();
  }
}
