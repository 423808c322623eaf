package dev.daylight.agent.platform;

import java.nio.file.Path;

final class MacLayout extends Layouts.Base {
  MacLayout(Path home, Layouts.Env env) {
    super(home, env);
    put(Root.APP_SUPPORT, home.resolve("Library/Application Support"));
    // Several CLIs (Zed, Goose, opencode, Amp) use ~/.config on macOS too.
    put(Root.XDG_CONFIG, env.path("XDG_CONFIG_HOME").orElse(home.resolve(".config")));
    put(Root.XDG_DATA, env.path("XDG_DATA_HOME").orElse(home.resolve(".local/share")));
    put(Root.USER_CONFIG, home.resolve("Library/Application Support"));
    if (env.real()) {
      put(Root.ETC, Path.of("/etc"));
      put(Root.SYSTEM_CONFIG, Path.of("/Library/Application Support"));
    }
  }

  @Override
  public Os os() {
    return Os.MACOS;
  }

  @Override
  Path machineStateDir(Path systemConfig) {
    return systemConfig.resolve("Daylight/state");
  }

  @Override
  Path defaultStateDir() {
    return home.resolve("Library/Application Support/Daylight");
  }

  @Override
  Path defaultLogDir() {
    return home.resolve("Library/Logs/Daylight");
  }

  @Override
  public Layout forHome(Path otherHome) {
    return Layout.of(Os.MACOS, otherHome);
  }
}
