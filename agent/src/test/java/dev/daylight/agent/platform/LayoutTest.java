package dev.daylight.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayoutTest {
  private final Path home = Path.of("/h/ann");

  @Test
  void windowsFakeHomeUsesProfileAppDataFolders() {
    Layout l = Layout.of(Os.WINDOWS, home);
    assertThat(l.root(Root.APPDATA)).contains(home.resolve("AppData/Roaming"));
    assertThat(l.root(Root.LOCALAPPDATA)).contains(home.resolve("AppData/Local"));
    assertThat(l.root(Root.APP_SUPPORT)).isEmpty();
    assertThat(l.root(Root.SYSTEM_CONFIG))
        .as("fake homes never reach machine-wide folders")
        .isEmpty();
    assertThat(l.stateDir()).isEqualTo(home.resolve("AppData/Local/Daylight"));
  }

  @Test
  void macosHomeUsesApplicationSupport() {
    Layout l = Layout.of(Os.MACOS, home);
    assertThat(l.expand("{appsupport}/Claude/claude_desktop_config.json"))
        .contains(home.resolve("Library/Application Support/Claude/claude_desktop_config.json"));
    assertThat(l.stateDir()).isEqualTo(home.resolve("Library/Application Support/Daylight"));
    assertThat(l.logDir()).isEqualTo(home.resolve("Library/Logs/Daylight"));
    assertThat(l.expand("{appdata}/Claude/x.json")).isEmpty();
  }

  @Test
  void linuxHonoursXdgOnlyOnTheRealMachine() {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", "/cfg", "DAYLIGHT_STATE_DIR", "/state");
    Layout fake = Layout.of(Os.LINUX, home);
    Layout real = Layout.of(Os.LINUX, home, env);
    assertThat(fake.root(Root.XDG_CONFIG)).contains(home.resolve(".config"));
    assertThat(fake.stateDir()).isEqualTo(home.resolve(".local/share/daylight"));
    assertThat(real.root(Root.XDG_CONFIG)).contains(Path.of("/cfg"));
    assertThat(real.stateDir()).isEqualTo(Path.of("/state"));
    assertThat(real.logDir()).isEqualTo(Path.of("/state/logs"));
    assertThat(real.root(Root.SYSTEM_CONFIG)).contains(Path.of("/etc"));
    assertThat(real.forHome(Path.of("/h/bob")).root(Root.XDG_CONFIG))
        .as("another user's layout ignores the caller's environment")
        .contains(Path.of("/h/bob/.config"));
  }

  @Test
  void windowsEnvironmentNamesMatchIgnoringCase() {
    Layout real = Layout.of(Os.WINDOWS, home, Map.of("LocalAppData", "/local"));
    assertThat(real.stateDir()).isEqualTo(Path.of("/local/Daylight"));
  }

  @Test
  void osParsesCliSpellingsAndRejectsOthers() {
    assertThat(Os.parse("macOS")).isEqualTo(Os.MACOS);
    assertThat(Os.WINDOWS.wire()).isEqualTo("windows");
    assertThatThrownBy(() -> Os.parse("beos")).hasMessageContaining("linux, macos or windows");
  }
}
