package dev.daylight.agent.resolve;

import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Transport;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Launch line to declared package identity, per the project's purl rules: unwrap {@code cmd /c},
 * find the launcher (npx, bunx, pnpm dlx, uvx, pipx, docker, ...), skip its flags and their values,
 * and read the package spec. The version here is only what the line pins ({@code versionSource =
 * command-pin}); resolving floating versions from caches is a later stage.
 */
public final class PackageResolver {
  private PackageResolver() {}

  /** What a launch line names: a package (maybe none) and the remote URL a stdio proxy fronts. */
  public record Resolution(Optional<PackageRef> pkg, Optional<String> proxiedUrl) {
    static Resolution none() {
      return new Resolution(Optional.empty(), Optional.empty());
    }
  }

  /**
   * The server with its declared package (and proxied URL) attached, when its launch line names
   * one.
   */
  public static McpServer attachDeclaredPackage(McpServer s) {
    return attachDeclaredPackage(s, PythonModules.none());
  }

  /**
   * The same, with {@code python -m} modules looked up among the distributions installed on disk.
   */
  public static McpServer attachDeclaredPackage(McpServer s, PythonModules modules) {
    if (s.transport() != Transport.STDIO || s.command() == null) {
      return s;
    }
    Path configDir = configDir(s.configPath());
    Resolution r = resolve(s.command(), s.args(), modules, configDir);
    return s.toBuilder()
        .pkg(r.pkg().orElse(s.pkg()))
        .proxiedUrl(r.proxiedUrl().orElse(s.proxiedUrl()))
        .build();
  }

  public static Resolution resolve(String command, List<String> args) {
    return resolve(command, args, PythonModules.none(), null);
  }

  static Resolution resolve(
      String command, List<String> args, PythonModules modules, Path configDir) {
    List<String> line = new ArrayList<>();
    line.add(command);
    line.addAll(args);
    line = Launchers.unwrapShell(line);
    if (line.isEmpty()) {
      return Resolution.none();
    }
    String exe = Launchers.executableName(line.get(0));
    List<String> rest = line.subList(1, line.size());
    Optional<Launchers.Spec> spec =
        switch (exe) {
          case "npx", "bunx", "pnpx" -> Launchers.npx(rest);
          case "pnpm", "yarn", "bun" ->
              Launchers.subcommand(rest, "dlx", "x").flatMap(Launchers::npx);
          case "npm" -> Launchers.subcommand(rest, "exec", "x").flatMap(Launchers::npx);
          case "uvx" -> Launchers.uvx(rest);
          case "uv" -> Launchers.uv(rest);
          case "pipx" -> Launchers.subcommand(rest, "run").flatMap(Launchers::pipxRun);
          case "docker", "podman", "nerdctl" -> Launchers.containerRun(rest);
          case "node", "python", "python3", "py", "deno", "tsx", "ts-node", "java" ->
              Launchers.interpreter(exe, rest);
          default -> Launchers.binary(line.get(0), rest);
        };
    if (spec.isEmpty()) {
      return Resolution.none();
    }
    Launchers.Spec s = spec.get();
    if (s.ecosystem().equals(Launchers.PYTHON_MODULE)) {
      String interpreter = s.interpreter() != null ? s.interpreter() : line.get(0);
      return new Resolution(
          Optional.of(
              modules
                  .provider(interpreter, s.packageSpec(), configDir)
                  .map(d -> Purls.installedPypi(d.name(), d.version()))
                  .orElseGet(() -> Purls.local(s.packageSpec()))),
          Optional.empty());
    }
    Optional<PackageRef> ref = Purls.of(s.ecosystem(), s.packageSpec());
    Optional<String> proxied =
        ref.filter(p -> Proxies.isProxy(p.name())).flatMap(p -> Proxies.remoteUrl(s.serverArgs()));
    return new Resolution(ref, proxied);
  }

  private static Path configDir(String configPath) {
    try {
      return Path.of(configPath).getParent();
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
