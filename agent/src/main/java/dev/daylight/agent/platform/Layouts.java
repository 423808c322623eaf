package dev.daylight.agent.platform;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Chooses the one implementation per OS; the only switch over {@link Os} that builds paths. */
final class Layouts {
  private Layouts() {}

  static Layout create(Os os, Path home, Map<String, String> env, boolean real) {
    Env e = new Env(env, real);
    return switch (os) {
      case LINUX -> new LinuxLayout(home, e);
      case MACOS -> new MacLayout(home, e);
      case WINDOWS -> new WindowsLayout(home, e);
    };
  }

  /** The environment as a layout may use it: only on the real machine, blanks ignored. */
  record Env(Map<String, String> values, boolean real) {
    Optional<Path> path(String name) {
      if (!real) {
        return Optional.empty();
      }
      String v = values.get(name);
      if (v == null) {
        // Windows keeps environment names case-insensitive; a copied map does not.
        v =
            values.entrySet().stream()
                .filter(en -> en.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
      }
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
    }
  }

  /** Shared behaviour; subclasses only say which roots they have. */
  abstract static class Base implements Layout {
    final Path home;
    final Env env;
    private final Map<Root, Path> roots = new EnumMap<>(Root.class);

    Base(Path home, Env env) {
      this.home = home;
      this.env = env;
      roots.put(Root.HOME, home);
    }

    final void put(Root root, Path path) {
      roots.put(root, path);
    }

    @Override
    public Path home() {
      return home;
    }

    @Override
    public boolean realMachine() {
      return env.real();
    }

    @Override
    public Optional<Path> root(Root root) {
      return Optional.ofNullable(roots.get(root));
    }

    @Override
    public Path stateDir() {
      return env.path("DAYLIGHT_STATE_DIR").orElseGet(this::defaultStateDir);
    }

    @Override
    public Path logDir() {
      return env.path("DAYLIGHT_STATE_DIR")
          .map(p -> p.resolve("logs"))
          .orElseGet(this::defaultLogDir);
    }

    abstract Path defaultStateDir();

    @Override
    public Optional<Path> machineStateDir() {
      return env.real() ? root(Root.SYSTEM_CONFIG).map(this::machineStateDir) : Optional.empty();
    }

    /** The machine agent's state folder, given this OS's system configuration folder. */
    abstract Path machineStateDir(Path systemConfig);

    Path defaultLogDir() {
      return defaultStateDir().resolve("logs");
    }

    @Override
    public String toString() {
      return os().wire() + " layout of " + home;
    }
  }
}
