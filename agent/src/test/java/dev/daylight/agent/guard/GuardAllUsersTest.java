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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
}
