package dev.daylight.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardInstallerTest {
  @TempDir Path home;
  @TempDir Path state;
  @TempDir Path machine;

  GuardInstaller user() {
    return new GuardInstaller(state, Layout.of(Os.LINUX, home), false);
  }

  @Test
  void installIsIdempotentAndSkipsClientsNotInUse() throws Exception {
    Files.createDirectories(home.resolve(".claude"));
    List<GuardInstaller.Result> first = user().install(GuardMode.AUDIT, Set.of());
    assertThat(first)
        .extracting(GuardInstaller.Result::outcome)
        .containsExactly(
            GuardInstaller.Outcome.INSTALLED,
            GuardInstaller.Outcome.SKIPPED,
            GuardInstaller.Outcome.SKIPPED,
            GuardInstaller.Outcome.SKIPPED,
            GuardInstaller.Outcome.SKIPPED,
            GuardInstaller.Outcome.SKIPPED);
    byte[] once = Files.readAllBytes(home.resolve(".claude/settings.json"));
    assertThat(user().install(GuardMode.AUDIT, Set.of()).get(0).outcome())
        .isEqualTo(GuardInstaller.Outcome.UNCHANGED);
    assertThat(Files.readAllBytes(home.resolve(".claude/settings.json"))).isEqualTo(once);
    JsonNode groups = Json.mapper().readTree(once).path("hooks").path("PreToolUse");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).path("matcher").asText()).isEqualTo("mcp__.*");
    // a new file is removed again by uninstall
    assertThat(user().uninstall(Set.of()).get(0).outcome())
        .isEqualTo(GuardInstaller.Outcome.RESTORED);
    assertThat(home.resolve(".claude/settings.json")).doesNotExist();
  }

  @Test
  void invalidJsonIsReportedAndLeftAsItWas() throws Exception {
    Path f = home.resolve(".cursor/hooks.json");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "{\"version\": 1, \"hooks\": {,}}");
    GuardInstaller.Result r = user().install(GuardMode.AUDIT, Set.of("cursor")).get(0);
    assertThat(r.outcome()).isEqualTo(GuardInstaller.Outcome.FAILED);
    assertThat(r.detail()).contains("is not valid JSON at line 1", "left as it was");
    assertThat(Files.readString(f)).isEqualTo("{\"version\": 1, \"hooks\": {,}}");
    assertThat(f.resolveSibling("hooks.json.daylight.tmp")).doesNotExist();
    try (var siblings = Files.list(f.getParent())) {
      assertThat(siblings).containsExactly(f);
    }
  }

  @Test
  void readOnlyFileIsAClearErrorAndUnchanged() throws Exception {
    Path f = home.resolve(".claude/settings.json");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "{\"model\": \"opus\"}\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
    GuardInstaller.Result r = user().install(GuardMode.AUDIT, Set.of("claude-code")).get(0);
    assertThat(r.outcome()).isEqualTo(GuardInstaller.Outcome.FAILED);
    assertThat(r.detail()).contains("read-only", "nothing was changed");
    assertThat(Files.readString(f)).isEqualTo("{\"model\": \"opus\"}\n");
  }

  @Test
  void concurrentInstallsLeaveOneEntryAndAValidFile() throws Exception {
    Files.createDirectories(home.resolve(".cursor"));
    Files.writeString(home.resolve(".cursor/hooks.json"), "{\"version\": 1, \"hooks\": {}}");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<GuardInstaller.Result>>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<List<GuardInstaller.Result>> c =
            () -> user().install(GuardMode.AUDIT, Set.of("cursor"));
        runs.add(pool.submit(c));
      }
      for (Future<List<GuardInstaller.Result>> f : runs) {
        assertThat(f.get().get(0).outcome())
            .isIn(GuardInstaller.Outcome.INSTALLED, GuardInstaller.Outcome.UNCHANGED);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode hooks = Json.mapper().readTree(home.resolve(".cursor/hooks.json").toFile());
    assertThat(hooks.path("hooks").path("beforeMCPExecution")).hasSize(1);
    // the original bytes survive the repeated installs
    user().uninstall(Set.of("cursor"));
    assertThat(Files.readString(home.resolve(".cursor/hooks.json")))
        .isEqualTo("{\"version\": 1, \"hooks\": {}}");
  }

  @Test
  void fileChangedAfterInstallLosesOnlyDaylightsEntry() throws Exception {
    Path f = home.resolve(".codex/hooks.json");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "{\"hooks\": {}}");
    user().install(GuardMode.AUDIT, Set.of("codex"));
    String edited =
        Files.readString(f)
            .replace("\"hooks\" : {", "\"theme\": \"dark\",\n  \"hooks\": {")
            .replace("\"hooks\": {", "\"theme\": \"dark\", \"hooks\": {");
    Files.writeString(f, edited);
    GuardInstaller.Result r = user().uninstall(Set.of("codex")).get(0);
    assertThat(r.outcome()).isEqualTo(GuardInstaller.Outcome.REMOVED);
    JsonNode after = Json.mapper().readTree(f.toFile());
    assertThat(after.path("theme").asText()).isEqualTo("dark");
    assertThat(after.toString()).doesNotContain("daylight-guard");
  }

  @Test
  void managedInstallWritesTheMachineFilesWithAHookThatReadsThePerUserDecisions() throws Exception {
    GuardInstaller managed =
        new GuardInstaller(
            state,
            Layout.of(Os.LINUX, home),
            true,
            t ->
                t.startsWith("{etc}")
                    ? Optional.of(machine.resolve(t.substring("{etc}/".length())))
                    : Optional.empty());
    List<GuardInstaller.Result> results = managed.install(GuardMode.ENFORCE, Set.of());
    assertThat(results)
        .filteredOn(r -> !r.client().equals("copilot-cli"))
        .extracting(GuardInstaller.Result::outcome)
        .containsOnly(GuardInstaller.Outcome.INSTALLED);
    // Copilot CLI documents no machine-wide hook location.
    assertThat(results)
        .filteredOn(r -> r.client().equals("copilot-cli"))
        .extracting(GuardInstaller.Result::outcome)
        .containsOnly(GuardInstaller.Outcome.SKIPPED);
    String command =
        Json.mapper()
            .readTree(machine.resolve("claude-code/managed-settings.json").toFile())
            .findValuesAsText("command")
            .get(0);
    assertThat(command)
        .contains("--mode enforce", "--machine '" + Guard.usersDir(state) + "'")
        .doesNotContain("--state");
    assertThat(machine.resolve("cursor/hooks.json")).exists();
    assertThat(machine.resolve("codex/hooks.json")).exists();
    assertThat(machine.resolve("gemini-cli/settings.json")).exists();
    assertThat(machine.resolve("windsurf/hooks.json")).exists();
    assertThat(managed.uninstall(Set.of()))
        .filteredOn(r -> !r.client().equals("copilot-cli"))
        .extracting(GuardInstaller.Result::outcome)
        .containsOnly(GuardInstaller.Outcome.RESTORED);
    assertThat(machine.resolve("cursor/hooks.json")).doesNotExist();
  }
}
