package dev.daylight.agent.platform;

import java.nio.file.Path;

final class LinuxLayout extends Layouts.Base {
  LinuxLayout(Path home, Layouts.Env env) {
    super(home, env);
    put(Root.XDG_CONFIG, env.path("XDG_CONFIG_HOME").orElse(home.resolve(".config")));
    put(Root.XDG_DATA, env.path("XDG_DATA_HOME").orElse(home.resolve(".local/share")));
    put(Root.USER_CONFIG, root(Root.XDG_CONFIG).orElseThrow());
    if (env.real()) {
      put(Root.ETC, Path.of("/etc"));
      put(Root.SYSTEM_CONFIG, Path.of("/etc"));
    }
  }

  @Override
  public Os os() {
    return Os.LINUX;
  }

  @Override
  Path machineStateDir(Path systemConfig) {
    return Path.of("/var/lib/daylight");
  }

  @Override
  Path defaultStateDir() {
    return root(Root.XDG_DATA).orElseThrow().resolve("daylight");
  }

  @Override
  public Layout forHome(Path otherHome) {
    return Layout.of(Os.LINUX, otherHome);
  }
}
