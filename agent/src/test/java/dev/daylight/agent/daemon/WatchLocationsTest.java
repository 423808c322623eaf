package dev.daylight.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchLocationsTest {
  @TempDir Path home;

  @Test
  void claudeCodesUserSettingsAreWatchedBesideItsConfigButProjectSettingsAreNotGuessed() {
    var watched = WatchLocations.of(ScanContext.forHome(home, Os.LINUX));

    assertThat(watched)
        .contains(home.resolve(".claude.json"), home.resolve(".claude/settings.json"));
    assertThat(watched).noneMatch(p -> p.endsWith(".claude/settings.local.json"));
  }
}
