package dev.daylight.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-users agent on the fleet's say: installs the managed hooks when the policy asks, takes
 * out again only what it put in when the policy says no, and leaves an administrator's own install
 * alone. The machine-wide folder ({etc}) is a temporary one here.
 */
class GuardFollowFleetTest {
  static final String ADMIN_SETTINGS =
      "{\n  \"allowManagedHooksOnly\": true,\n  \"permissions\": {\"deny\": [\"WebFetch\"]}\n}\n";

  @TempDir Path state;
  @TempDir Path etc;
  @TempDir Path home;

  Function<String, Optional<Path>> machine() {
    return t ->
        t.startsWith("{etc}/")
            ? Optional.of(etc.resolve(t.substring("{etc}/".length())))
            : Optional.empty();
  }

  void follow(Store s) {
    Guard.followFleet(state, s, Layout.of(Os.LINUX, home), machine());
  }

  @Test
  void installsWhenTheFleetAsksAndRestoresTheFilesWhenItStopsAsking() throws Exception {
    Path claude = etc.resolve("claude-code/managed-settings.json");
    Files.createDirectories(claude.getParent());
    Files.writeString(claude, ADMIN_SETTINGS);
    try (Store s = Store.open(state)) {
      follow(s); // no say: nothing
      assertThat(Files.readString(claude)).isEqualTo(ADMIN_SETTINGS);

      s.putSetting(Guard.FLEET_MODE, "enforce");
      s.putSetting(Guard.FLEET_INSTALL_HOOKS, "true");
      follow(s);
      String command = Json.mapper().readTree(claude.toFile()).findValuesAsText("command").get(0);
      assertThat(command).contains("daylight-guard", "--mode enforce", "--machine");
      assertThat(Json.mapper().readTree(claude.toFile()).path("allowManagedHooksOnly").asBoolean())
          .isTrue();
      for (String f :
          new String[] {
            "cursor/hooks.json",
            "codex/hooks.json",
            "gemini-cli/settings.json",
            "windsurf/hooks.json"
          }) {
        assertThat(Files.readString(etc.resolve(f))).as(f).contains("daylight-guard");
      }
      assertThat(Guard.dir(state).resolve("installed/by-fleet")).exists();
      follow(s); // a second pull changes nothing
      assertThat(Json.mapper().readTree(claude.toFile()).path("hooks").path("PreToolUse"))
          .hasSize(1);

      s.putSetting(Guard.FLEET_INSTALL_HOOKS, "false");
      follow(s);
      assertThat(Files.readString(claude)).isEqualTo(ADMIN_SETTINGS);
      assertThat(etc.resolve("cursor/hooks.json")).doesNotExist();
      assertThat(etc.resolve("gemini-cli/settings.json")).doesNotExist();
      assertThat(Guard.dir(state).resolve("installed/by-fleet")).doesNotExist();
    }
  }

  @Test
  void anAdministratorsOwnManagedInstallStaysWhenTheFleetSaysNo() throws Exception {
    new GuardInstaller(state, Layout.of(Os.LINUX, home), true, machine())
        .install(GuardMode.AUDIT, Set.of("cursor"));
    try (Store s = Store.open(state)) {
      s.putSetting(Guard.FLEET_INSTALL_HOOKS, "false");
      follow(s);
    }
    assertThat(Files.readString(etc.resolve("cursor/hooks.json"))).contains("daylight-guard");
  }
}
