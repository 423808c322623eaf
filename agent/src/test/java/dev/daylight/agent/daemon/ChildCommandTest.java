package dev.daylight.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.testing.TestJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a scan child is started: with the runtime's java binary, or through the package launcher. */
class ChildCommandTest {
  @TempDir Path runtime;

  @Test
  void aRuntimeWithJavaStartsTheChildOnTheSameClassPathAndOptions() throws Exception {
    Path java = Files.createDirectories(runtime.resolve("bin")).resolve("java");
    Files.writeString(java, "");
    java.toFile().setExecutable(true);
    assertThat(
            ChildProcess.command(
                runtime,
                Optional.of("/usr/bin/whatever"),
                "a.jar",
                List.of("-Xshare:auto"),
                "dev.daylight.agent.cli.Main",
                List.of("--state-dir=/s")))
        .containsExactly(
            java.toString(),
            "-Xshare:auto",
            "-cp",
            "a.jar",
            "dev.daylight.agent.cli.Main",
            Resident.CHILD_COMMAND,
            "--state-dir=/s");
  }

  @Test
  void aJlinkedRuntimeWithoutJavaGoesThroughTheLauncherOfThisProcess() {
    // A macOS or Windows package's runtime has no bin/java; this process runs under jpackage's
    // launcher.
    assertThat(
            ChildProcess.command(
                runtime,
                Optional.of("/opt/daylight/bin/daylight"),
                "a.jar",
                List.of("-Xshare:auto"),
                "dev.daylight.agent.cli.Main",
                List.of("--state-dir=/s")))
        .containsExactly("/opt/daylight/bin/daylight", Resident.CHILD_COMMAND, "--state-dir=/s");
  }

  @Test
  void theResidentsLauncherStartsChildrenThroughTheScanLauncherNextToIt() {
    // bin/daylight-agentd carries the resident's JVM options; children need bin/daylight's.
    assertThat(ChildProcess.childLauncher("/opt/daylight/bin/daylight-agentd", "daylight"))
        .isEqualTo(Path.of("/opt/daylight/bin/daylight").toString());
    assertThat(
            ChildProcess.childLauncher(
                "/Applications/daylight.app/Contents/MacOS/daylight-agentd", "daylight"))
        .isEqualTo(Path.of("/Applications/daylight.app/Contents/MacOS/daylight").toString());
    assertThat(
            ChildProcess.childLauncher(
                Path.of("daylight", "daylight-agentd.exe").toString(), "daylight"))
        .isEqualTo(Path.of("daylight", "daylight.exe").toString());
    assertThat(ChildProcess.childLauncher("/opt/daylight/bin/daylight", null))
        .isEqualTo("/opt/daylight/bin/daylight");
  }

  @Test
  void theAgentsMainRunsAChildWhenTheLauncherPassesTheChildWord(
      @TempDir Path home, @TempDir Path state) throws Exception {
    Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(
        home.resolve(".cursor/mcp.json"),
        "{\"mcpServers\": {\"a\": {\"command\": \"npx\", \"args\": [\"-y\", \"a@1.0.0\"]}}}");
    // What the package launcher runs: the agent's main class, the child word first.
    Process p =
        new ProcessBuilder(
                TestJvm.agent(
                    Resident.CHILD_COMMAND,
                    "--child=scan",
                    "--reason=test",
                    "--home=" + home,
                    "--os=linux",
                    "--state-dir=" + state))
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out)
        .contains("INFO|dev.daylight.agent.child.ChildRound|scan ", "stored (test): 1 servers");
    assertThat(ChildContract.readWatchList(state)).contains(home.resolve(".cursor/mcp.json"));
  }
}
