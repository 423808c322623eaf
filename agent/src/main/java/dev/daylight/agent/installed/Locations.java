package dev.daylight.agent.installed;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Root;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where package managers keep what they installed, for one scanned home. Environment overrides
 * ({@code npm_config_cache}, {@code UV_CACHE_DIR}, ...) come from the scan context, which is empty
 * for a fake home; machine-wide folders ({@code /usr/local/lib/node_modules}) only count on the
 * real machine. Per-OS defaults sit in the one switch below.
 */
record Locations(
    Optional<Path> npmCache,
    List<Path> npmGlobal,
    List<Path> bunGlobal,
    List<Path> uvTools,
    List<Path> uvCache,
    List<Path> pipxVenvs,
    List<ScanError> errors) {

  /** An {@code .npmrc} is a few lines; a bigger one is refused unread. */
  static final long NPMRC_MAX_BYTES = 1024 * 1024;

  /**
   * Folders named by the scan's own environment are trusted (they are the agent's, or empty for
   * another user's home); folders named in the user's {@code .npmrc} count only inside that home or
   * a system location, so a setting cannot make the scan list another user's files.
   */
  static Locations of(ScanContext ctx, FileAccess access) {
    Path home = ctx.home();
    List<ScanError> errors = new ArrayList<>();
    Path npmrcPath = home.resolve(".npmrc");
    FileAccess.Read read = access.read(npmrcPath, NPMRC_MAX_BYTES);
    if (read instanceof FileAccess.Refused r) {
      errors.add(new ScanError(npmrcPath.toString(), r.reason()));
    }
    Optional<String> npmrc =
        read instanceof FileAccess.Content c
            ? Optional.of(new String(c.bytes(), java.nio.charset.StandardCharsets.UTF_8))
            : Optional.empty();
    Optional<Path> cache =
        ctx.env("npm_config_cache")
            .or(() -> ctx.env("NPM_CONFIG_CACHE"))
            .flatMap(v -> expand(v, home))
            .or(() -> fromNpmrc(npmrc, "cache", home, access, npmrcPath, errors));
    Optional<Path> prefix =
        ctx.env("npm_config_prefix")
            .or(() -> ctx.env("NPM_CONFIG_PREFIX"))
            .flatMap(v -> expand(v, home))
            .or(() -> fromNpmrc(npmrc, "prefix", home, access, npmrcPath, errors));
    Path xdgData = ctx.layout().root(Root.XDG_DATA).orElse(home.resolve(".local/share"));
    Path xdgCache = ctx.env("XDG_CACHE_HOME").map(Path::of).orElse(home.resolve(".cache"));
    Optional<Path> appData = ctx.layout().root(Root.APPDATA);
    Optional<Path> localAppData = ctx.layout().root(Root.LOCALAPPDATA);
    boolean real = ctx.layout().realMachine();

    List<Path> global = new ArrayList<>();
    List<Path> uvTools = new ArrayList<>();
    List<Path> uvCache = new ArrayList<>();
    List<Path> pipx = new ArrayList<>();
    ctx.env("UV_TOOL_DIR").map(Path::of).ifPresent(uvTools::add);
    ctx.env("UV_CACHE_DIR").map(Path::of).ifPresent(uvCache::add);
    ctx.env("PIPX_HOME").map(p -> Path.of(p).resolve("venvs")).ifPresent(pipx::add);
    Path bun = ctx.env("BUN_INSTALL").map(Path::of).orElse(home.resolve(".bun"));
    switch (ctx.os()) {
      case WINDOWS -> {
        cache = cache.or(() -> localAppData.map(p -> p.resolve("npm-cache")));
        prefix.ifPresent(p -> global.add(p.resolve("node_modules")));
        appData.ifPresent(p -> global.add(p.resolve("npm/node_modules")));
        appData.ifPresent(p -> global.addAll(children(p.resolve("nvm"), "node_modules")));
        appData.ifPresent(p -> uvTools.add(p.resolve("uv/data/tools")));
        localAppData.ifPresent(p -> uvCache.add(p.resolve("uv/cache")));
        pipx.add(home.resolve("pipx/venvs"));
        localAppData.ifPresent(p -> pipx.add(p.resolve("pipx/pipx/venvs")));
      }
      case MACOS, LINUX -> {
        cache = cache.or(() -> Optional.of(home.resolve(".npm")));
        prefix.ifPresent(p -> global.add(p.resolve("lib/node_modules")));
        global.add(home.resolve(".npm-global/lib/node_modules"));
        global.addAll(children(home.resolve(".nvm/versions/node"), "lib/node_modules"));
        if (real) {
          global.add(Path.of("/usr/local/lib/node_modules"));
          global.add(
              Path.of(
                  ctx.os() == dev.daylight.agent.platform.Os.MACOS
                      ? "/opt/homebrew/lib/node_modules"
                      : "/usr/lib/node_modules"));
        }
        uvTools.add(xdgData.resolve("uv/tools"));
        uvCache.add(xdgCache.resolve("uv"));
        pipx.add(xdgData.resolve("pipx/venvs"));
        pipx.add(home.resolve(".local/pipx/venvs"));
        if (ctx.os() == dev.daylight.agent.platform.Os.MACOS) {
          pipx.add(home.resolve("Library/Application Support/pipx/venvs"));
        }
      }
    }
    return new Locations(
        cache,
        distinct(global),
        List.of(bun.resolve("install/global/node_modules")),
        distinct(uvTools),
        distinct(uvCache),
        distinct(pipx),
        List.copyOf(errors));
  }

  private static Optional<Path> fromNpmrc(
      Optional<String> npmrc,
      String key,
      Path home,
      FileAccess access,
      Path npmrcPath,
      List<ScanError> errors) {
    Optional<String> value = npmrc.flatMap(t -> Manifests.npmrc(t, key));
    Optional<Path> dir = value.flatMap(v -> expand(v, home));
    if (value.isPresent() && dir.isEmpty()) {
      errors.add(new ScanError(npmrcPath.toString(), key + "= is not a valid path, not read"));
      return Optional.empty();
    }
    if (dir.isPresent()
        && java.nio.file.Files.exists(dir.get())
        && !access.mayReadFolder(dir.get())) {
      errors.add(
          new ScanError(
              npmrcPath.toString(),
              key + "= names a folder outside this home (or one its owner cannot read), not read"));
      return Optional.empty();
    }
    return dir;
  }

  private static List<Path> distinct(List<Path> paths) {
    return paths.stream().map(Path::normalize).distinct().toList();
  }

  /** The folder a setting names; empty when it is no path at all (a NUL byte, say). */
  private static Optional<Path> expand(String value, Path home) {
    try {
      return Optional.of(expandOrThrow(value, home));
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty(); // its message quotes the value: not passed on
    }
  }

  private static Path expandOrThrow(String value, Path home) {
    String v = value.replace("${HOME}", home.toString()).replace("$HOME", home.toString());
    if (v.equals("~") || v.startsWith("~/") || v.startsWith("~\\")) {
      return home.resolve(v.substring(Math.min(2, v.length())));
    }
    return Path.of(v);
  }

  private static List<Path> children(Path dir, String below) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().map(p -> p.resolve(below)).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
