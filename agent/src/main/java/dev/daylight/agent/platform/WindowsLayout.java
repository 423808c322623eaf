package dev.daylight.agent.platform;

import java.nio.file.Path;

final class WindowsLayout extends Layouts.Base {
  WindowsLayout(Path home, Layouts.Env env) {
    super(home, env);
    put(Root.APPDATA, env.path("APPDATA").orElse(home.resolve("AppData").resolve("Roaming")));
    put(
        Root.LOCALAPPDATA,
        env.path("LOCALAPPDATA").orElse(home.resolve("AppData").resolve("Local")));
    // Cross-platform CLIs (opencode, Goose's docs) also use %USERPROFILE%\.config on Windows.
    put(Root.XDG_CONFIG, home.resolve(".config"));
    put(Root.USER_CONFIG, root(Root.APPDATA).orElseThrow());
    if (env.real()) {
      put(Root.SYSTEM_CONFIG, env.path("ProgramData").orElse(Path.of("C:\\ProgramData")));
      put(Root.PROGRAM_FILES, env.path("ProgramFiles").orElse(Path.of("C:\\Program Files")));
    }
  }

  @Override
  public Os os() {
    return Os.WINDOWS;
  }

  @Override
  Path machineStateDir(Path systemConfig) {
    return systemConfig.resolve("Daylight").resolve("state");
  }

  @Override
  Path defaultStateDir() {
    return root(Root.LOCALAPPDATA).orElseThrow().resolve("Daylight");
  }

  @Override
  public Layout forHome(Path otherHome) {
    return Layout.of(Os.WINDOWS, otherHome);
  }
}
