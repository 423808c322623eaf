package dev.daylight.agent.guard;

import static dev.daylight.testing.Inventories.npx;
import static dev.daylight.testing.Inventories.of;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Json;
import dev.daylight.testing.Requires;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine-wide agent: one decision file per account, read by that account's managed hook. */
class GuardAllUsersTest {
  @TempDir Path machineState;
  @TempDir Path annState;

  @Test
  void eachAccountsHookReadsItsOwnDecisionsAndItsRefusalsBecomeEventsTaggedWithTheAccount()
      throws Exception {
    try (Store s = Store.open(machineState)) {
      s.record(
          of(
              List.of(
                  npx("postmark", "postmark-mcp", "1.0.14").toBuilder().osUser("ann").build(),
                  npx("github", "github-mcp", "2.0.0").toBuilder().osUser("bob").build()),
              List.of()));
      s.record(
          of(
              List.of(
                  npx("postmark", "postmark-mcp", "1.0.15").toBuilder().osUser("ann").build(),
                  npx("github", "github-mcp", "2.0.0").toBuilder().osUser("bob").build()),
              List.of()));
      s.putSetting(Guard.LOCAL_MODE, "enforce");
      assertThat(Guard.refresh(machineState, s)).isTrue();
    }
    Path users = Guard.usersDir(machineState);
    assertThat(Files.readString(users.resolve("ann.tsv")))
        .contains("postmark", "suspended")
        .doesNotContain("github");
    assertThat(Files.readString(users.resolve("bob.tsv")))
        .contains("github")
        .doesNotContain("postmark");

    // The managed command: no --state; the hook finds the account's state folder and machine file.
    Path script = HookScripts.deploy(Guard.dir(machineState).resolve("bin"), Os.LINUX);
    String command = HookScripts.command(script, "cursor", GuardMode.AUDIT, null, users);
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command);
    pb.environment().put("USER", "ann");
    pb.environment().put("DAYLIGHT_STATE_DIR", annState.toString());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(
          ("{\"hook_event_name\": \"beforeMCPExecution\", \"workspace_roots\": [\"/home/ann/w\"],"
                  + " \"tool_name\": \"send_email\", \"tool_input\": {}, \"command\": \"npx -y postmark-mcp\"}")
              .getBytes(UTF_8));
    }
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    JsonNode answer = Json.mapper().readTree(p.getInputStream().readAllBytes());
    assertThat(answer.path("permission").asText()).isEqualTo("deny");

    FileAccess ann = FileAccess.of(Layout.of(Os.LINUX, annState));
    try (Store s = Store.open(machineState)) {
      assertThat(GuardEvents.collect(annState, GuardEvents.OFFSET + ".ann", "ann", s, ann))
          .isEqualTo(1);
      assertThat(GuardEvents.collect(annState, GuardEvents.OFFSET + ".ann", "ann", s, ann))
          .as("once")
          .isZero();
      List<ChangeEvent> calls =
          s.events(java.util.Optional.empty()).stream()
              .filter(e -> e.type().equals(GuardEvents.TYPE))
              .toList();
      assertThat(calls).hasSize(1);
      assertThat(Json.mapper().convertValue(calls.get(0).after(), Map.class))
          .containsEntry("osUser", "ann")
          .containsEntry("decision", "deny")
          .containsEntry("tool", "send_email");
    }
  }

  @TempDir Path etc;
  @TempDir Path home;

  /** The managed hook as the packaged service installs it: umask 0077, machine files under etc. */
  Path managedInstall(GuardMode fallback) throws Exception {
    // What a umask of 0077 makes of the folders: the install must open them all the same.
    for (Path d : List.of(Guard.dir(machineState), Guard.dir(machineState).resolve("bin"))) {
      Files.createDirectories(d);
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    }
    new GuardInstaller(
            machineState,
            Layout.of(Os.LINUX, home),
            true,
            t ->
                t.startsWith("{etc}/")
                    ? Optional.of(etc.resolve(t.substring("{etc}/".length())))
                    : Optional.empty())
        .install(fallback, Set.of("cursor"));
    return etc.resolve("cursor/hooks.json");
  }

  static String managedCommand(Path hooks) throws Exception {
    return Json.mapper().readTree(hooks.toFile()).findValuesAsText("command").get(0);
  }

  static JsonNode run(ProcessBuilder pb, String stdin) throws Exception {
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(UTF_8));
    }
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.exitValue())
        .as("exit; stderr: %s", new String(p.getErrorStream().readAllBytes(), UTF_8))
        .isZero();
    return Json.mapper().readTree(out);
  }

  static final String POSTMARK_CALL =
      "{\"hook_event_name\": \"beforeMCPExecution\", \"tool_name\": \"send_email\","
          + " \"tool_input\": {}, \"command\": \"npx -y postmark-mcp\"}";

  @Test
  void theManagedHookIsOpenToEveryAccountWhateverTheServicesUmask() throws Exception {
    managedInstall(GuardMode.AUDIT);
    Path bin = Guard.dir(machineState).resolve("bin");
    assertThat(Files.getPosixFilePermissions(Guard.dir(machineState)))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(Files.getPosixFilePermissions(bin))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(Files.getPosixFilePermissions(bin.resolve(HookScripts.SCRIPT)))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(Files.getPosixFilePermissions(bin.resolve(HookScripts.PROGRAM)))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void anotherAccountRunsTheManagedHookAndGetsItsRefusal() throws Exception {
    Path probe = Files.createFile(home.resolve("probe"));
    Assumptions.assumeTrue(
        Files.getOwner(probe).getName().equals("root"),
        "skipped: running the hook as another account needs the tests to run as root");
    // A missing tool: skipped here, a failure in CI (DAYLIGHT_TESTS_REQUIRE_ALL).
    Requires.that(
        Files.isExecutable(Path.of("/usr/sbin/runuser"))
            || Files.isExecutable(Path.of("/sbin/runuser")),
        "runuser (util-linux) is not installed, so the hook cannot be run as another account");
    Path hooks = managedInstall(GuardMode.AUDIT);
    try (Store s = Store.open(machineState)) {
      s.record(
          of(
              List.of(
                  npx("postmark", "postmark-mcp", "1.0.14").toBuilder().osUser("nobody").build()),
              List.of()));
      s.record(
          of(
              List.of(
                  npx("postmark", "postmark-mcp", "1.0.15").toBuilder().osUser("nobody").build()),
              List.of()));
      s.putSetting(Guard.LOCAL_MODE, "enforce");
      assertThat(Guard.refresh(machineState, s)).isTrue();
    }
    // The temporary folder stands for the state folder, which the packaged unit makes 0711.
    Files.setPosixFilePermissions(machineState, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    ProcessBuilder pb =
        new ProcessBuilder("runuser", "-u", "nobody", "--", "sh", "-c", managedCommand(hooks));
    pb.environment().put("USER", "nobody");
    pb.environment().put("DAYLIGHT_STATE_DIR", home.resolve("nobody-state").toString());
    assertThat(run(pb, POSTMARK_CALL).path("permission").asText()).isEqualTo("deny");
  }

  @Test
  void aDecisionFileInTheUsersOwnStateFolderCannotTurnTheManagedHookOff() throws Exception {
    Path hooks = managedInstall(GuardMode.ENFORCE);
    Path carol = home.resolve("carol-state");
    Files.createDirectories(Guard.dir(carol));
    Files.writeString(
        Guard.dir(carol).resolve(DecisionFile.NAME),
        "daylight-guard\t1\nmode\toff\nwritten\t2026-12-04T10:00:00Z\n");
    for (String user :
        List.of(
            "carol",
            Guard.usersDir(machineState)
                .relativize(Guard.dir(carol).resolve("decisions"))
                .toString())) {
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", managedCommand(hooks));
      pb.environment().put("USER", user);
      pb.environment().put("DAYLIGHT_STATE_DIR", carol.toString());
      JsonNode answer = run(pb, POSTMARK_CALL);
      assertThat(answer.path("permission").asText()).as(user).isEqualTo("deny");
      assertThat(answer.path("user_message").asText()).contains("no decision file could be read");
    }
  }

  @Test
  void eachAccountsFileIsOwnerOnlyAndNeverLeftReadableByAllWhenTheAccountIsUnknown()
      throws Exception {
    try (Store s = Store.open(machineState)) {
      s.record(
          of(
              List.of(
                  npx("postmark", "postmark-mcp", "1.0.14").toBuilder().osUser("nobody").build(),
                  npx("github", "github-mcp", "2.0.0").toBuilder()
                      .osUser("no-such-account-here")
                      .build()),
              List.of()));
      assertThat(Guard.refresh(machineState, s)).isTrue();
    }
    Path users = Guard.usersDir(machineState);
    for (String f : List.of("nobody.tsv", "no-such-account-here.tsv")) {
      assertThat(Files.getPosixFilePermissions(users.resolve(f)))
          .as(f)
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    Path probe = Files.createFile(home.resolve("probe"));
    if (Files.getOwner(probe).getName().equals("root")) {
      assertThat(Files.getOwner(users.resolve("nobody.tsv")).getName()).isEqualTo("nobody");
    }
    try (var left = Files.list(users)) {
      assertThat(left).as("no temporary file left").hasSize(2);
    }
  }
}
