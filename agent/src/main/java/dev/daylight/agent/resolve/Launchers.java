package dev.daylight.agent.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The launchers MCP configs use, each reduced to the package spec it runs and the server's own
 * args.
 */
final class Launchers {
  private Launchers() {}

  /**
   * @param ecosystem {@code npm}, {@code PyPI}, {@code docker} or {@code local}
   * @param packageSpec as written: {@code @scope/name@1.2}, {@code name==1.2}, {@code
   *     ghcr.io/x/y:tag}, a path
   * @param interpreter for a {@code python -m} module run by a launcher (uv), the interpreter it
   *     runs
   */
  record Spec(String ecosystem, String packageSpec, List<String> serverArgs, String interpreter) {
    Spec(String ecosystem, String packageSpec, List<String> serverArgs) {
      this(ecosystem, packageSpec, serverArgs, null);
    }
  }

  /** The ecosystem of {@code python -m MODULE} before the module is looked up on disk. */
  static final String PYTHON_MODULE = "python-module";

  private static final Set<String> NPX_VALUE_FLAGS =
      Set.of(
          "--registry",
          "--cache",
          "--userconfig",
          "--prefix",
          "-w",
          "--workspace",
          "--node-options",
          "--script-shell",
          "--loglevel");
  private static final Set<String> UV_VALUE_FLAGS =
      Set.of(
          "--python",
          "-p",
          "--index-url",
          "-i",
          "--extra-index-url",
          "--find-links",
          "-f",
          "--cache-dir",
          "--with",
          "--with-editable",
          "--with-requirements",
          "--index",
          "--default-index",
          "--directory",
          "--project",
          "--config-file",
          "--python-preference",
          "--refresh-package",
          "--reinstall-package",
          "--upgrade-package",
          "--constraints",
          "-c",
          "--overrides",
          "--build-constraints",
          "--env-file",
          "--index-strategy",
          "--keyring-provider",
          "--exclude-newer",
          "--resolution",
          "--prerelease",
          "--link-mode",
          "--color",
          "--allow-insecure-host",
          "--extra",
          "--group",
          "--only-group",
          "--package",
          "--script");
  private static final Set<String> PIPX_VALUE_FLAGS =
      Set.of("--python", "--pip-args", "--index-url", "-i", "--spec", "--backend");
  private static final Set<String> CONTAINER_VALUE_FLAGS =
      Set.of(
          "-e",
          "--env",
          "--env-file",
          "-v",
          "--volume",
          "--mount",
          "--name",
          "--network",
          "--net",
          "-p",
          "--publish",
          "-w",
          "--workdir",
          "--entrypoint",
          "-u",
          "--user",
          "-l",
          "--label",
          "--label-file",
          "--add-host",
          "--cap-add",
          "--cap-drop",
          "--cpus",
          "-m",
          "--memory",
          "--platform",
          "--pull",
          "--restart",
          "--runtime",
          "--security-opt",
          "--tmpfs",
          "--ulimit",
          "--device",
          "--dns",
          "--hostname",
          "-h",
          "--ipc",
          "--pid",
          "--log-driver",
          "--log-opt",
          "--gpus",
          "--health-cmd",
          "--cidfile",
          "--stop-signal",
          "--stop-timeout",
          "--shm-size",
          "--userns",
          "--uts",
          "--group-add",
          "--expose",
          "--link",
          "--volumes-from",
          "--network-alias",
          "--mac-address",
          "--ip",
          "--ip6",
          "--isolation",
          "--storage-opt",
          "--sysctl",
          "--annotation",
          "-a",
          "--attach",
          "--cgroupns",
          "--cgroup-parent",
          "--cpu-shares",
          "-c",
          "--cpuset-cpus",
          "--memory-swap",
          "--dns-search",
          "--dns-option",
          "--device-cgroup-rule",
          "--blkio-weight",
          "--oom-score-adj",
          "--pids-limit",
          "--secret");

  /**
   * {@code cmd /c npx ...}, {@code sh -c "npx ..."}, {@code env A=b npx ...} become {@code npx
   * ...}.
   */
  static List<String> unwrapShell(List<String> line) {
    List<String> cur = line;
    for (int guard = 0; guard < 4 && !cur.isEmpty(); guard++) {
      String exe = executableName(cur.get(0));
      int i = 1;
      if (exe.equals("cmd")) {
        while (i < cur.size()
            && cur.get(i).startsWith("/")
            && !cur.get(i).equalsIgnoreCase("/c")
            && !cur.get(i).equalsIgnoreCase("/k")) {
          i++;
        }
        if (i >= cur.size()) {
          return cur;
        }
        cur = words(cur.subList(i + 1, cur.size()));
      } else if (Set.of("sh", "bash", "zsh", "dash").contains(exe)
          || Set.of("powershell", "pwsh").contains(exe)) {
        while (i < cur.size() && !Set.of("-c", "-lc", "-command").contains(lower(cur.get(i)))) {
          if (!cur.get(i).startsWith("-")) {
            return cur; // a script file, not an inline line
          }
          i++;
        }
        if (i >= cur.size()) {
          return cur;
        }
        cur = words(cur.subList(i + 1, cur.size()));
      } else if (exe.equals("env")) {
        while (i < cur.size() && (cur.get(i).contains("=") || cur.get(i).startsWith("-"))) {
          i++;
        }
        cur = cur.subList(i, cur.size());
      } else {
        return cur;
      }
    }
    return cur;
  }

  private static List<String> words(List<String> parts) {
    if (parts.size() == 1 && parts.get(0).contains(" ")) {
      return realCommand(ShellWords.split(parts.get(0)));
    }
    return realCommand(parts);
  }

  private static final Set<String> SEPARATORS = Set.of("&&", "||", ";", "&");
  private static final Set<String> PREFIXES = Set.of("exec", "command", "nohup", "&", "call");

  /**
   * The command a shell line really runs, read as the shell reads it: the last of its {@code
   * &&}/{@code ;}-joined commands ({@code cd x && npx y}, {@code source .env; exec npx y}), without
   * the environment assignments in front of it ({@code TOKEN="$(op read ...)" docker run}), nor
   * {@code exec}, PowerShell's call operator {@code &} or {@code $env:X='y';}.
   */
  static List<String> realCommand(List<String> words) {
    List<String> last = new ArrayList<>();
    for (String w : words) {
      if (SEPARATORS.contains(w)) {
        last = new ArrayList<>();
      } else if (w.endsWith(";") || (w.endsWith("&&") && w.length() > 2)) {
        last = new ArrayList<>();
      } else {
        last.add(w);
      }
    }
    int i = 0;
    while (i < last.size()
        && (ASSIGNMENT.matcher(last.get(i)).matches() || PREFIXES.contains(lower(last.get(i))))) {
      i++;
    }
    return last.subList(i, last.size());
  }

  private static final Pattern ASSIGNMENT =
      Pattern.compile("^(?:\\$env:)?[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

  /** {@code C:\Program Files\nodejs\npx.cmd} → {@code npx}. */
  static String executableName(String command) {
    String base = command.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    base = lower(base).replaceFirst("\\.(cmd|exe|bat|ps1|sh)$", "");
    return base.matches("python3\\.\\d+") ? "python3" : base;
  }

  /**
   * The tokens after the first positional when it is one of {@code names} ({@code pnpm dlx ...}).
   */
  static Optional<List<String>> subcommand(List<String> rest, String... names) {
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      if (t.startsWith("-")) {
        continue;
      }
      return List.of(names).contains(t)
          ? Optional.of(rest.subList(i + 1, rest.size()))
          : Optional.empty();
    }
    return Optional.empty();
  }

  static Optional<Spec> npx(List<String> rest) {
    String pkgFlag = null;
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      if (t.equals("--")) {
        continue;
      } else if (t.equals("-p") || t.equals("--package")) {
        pkgFlag = pkgFlag == null && i + 1 < rest.size() ? rest.get(i + 1) : pkgFlag;
        i++;
      } else if (t.startsWith("--package=")) {
        pkgFlag = pkgFlag == null ? t.substring("--package=".length()) : pkgFlag;
      } else if (t.equals("-c") || t.equals("--call")) {
        if (pkgFlag == null && i + 1 < rest.size()) {
          List<String> call = ShellWords.split(rest.get(i + 1));
          return call.isEmpty()
              ? Optional.empty()
              : Optional.of(new Spec("npm", call.get(0), call.subList(1, call.size())));
        }
        i++;
      } else if (NPX_VALUE_FLAGS.contains(t)) {
        i++;
      } else if (!t.startsWith("-")) {
        List<String> after = rest.subList(i + 1, rest.size());
        return Optional.of(new Spec("npm", pkgFlag != null ? pkgFlag : t, after));
      }
    }
    return pkgFlag == null ? Optional.empty() : Optional.of(new Spec("npm", pkgFlag, List.of()));
  }

  static Optional<Spec> uvx(List<String> rest) {
    String from = null;
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      if (t.equals("--from")) {
        from = i + 1 < rest.size() ? rest.get(++i) : null;
      } else if (t.startsWith("--from=")) {
        from = t.substring(7);
      } else if (UV_VALUE_FLAGS.contains(t)) {
        i++;
      } else if (!t.startsWith("-")) {
        return Optional.of(
            new Spec("PyPI", from != null ? from : t, rest.subList(i + 1, rest.size())));
      }
    }
    return from == null ? Optional.empty() : Optional.of(new Spec("PyPI", from, List.of()));
  }

  /**
   * {@code uv tool run ...} is uvx; {@code uv run --with pkg ...} runs pkg; {@code uv run x.py} is
   * local.
   */
  static Optional<Spec> uv(List<String> rest) {
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      if (t.equals("tool") && i + 1 < rest.size() && rest.get(i + 1).equals("run")) {
        return uvx(rest.subList(i + 2, rest.size()));
      }
      if (t.equals("run")) {
        return uvRun(rest.subList(i + 1, rest.size()), directory(rest.subList(0, i)));
      }
      if (UV_VALUE_FLAGS.contains(t)) {
        i++;
      } else if (!t.startsWith("-")) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<Spec> uvRun(List<String> rest, String dir) {
    String with = null;
    String directory = dir;
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      if (t.equals("--with") && i + 1 < rest.size()) {
        with = with == null ? rest.get(i + 1) : with;
        i++;
      } else if ((t.equals("--directory") || t.equals("--project")) && i + 1 < rest.size()) {
        directory = rest.get(++i);
      } else if (UV_VALUE_FLAGS.contains(t)) {
        i++;
      } else if (!t.startsWith("-")) {
        if (with != null) {
          return Optional.of(new Spec("PyPI", with, rest.subList(i + 1, rest.size())));
        }
        String exe = executableName(t);
        if (exe.startsWith("python")) {
          // uv runs the project's own environment: DIRECTORY/.venv, or the project's .venv.
          String venv = (directory == null ? "" : directory + "/") + ".venv/bin/python";
          return interpreter(exe, rest.subList(i + 1, rest.size()))
              .map(sp -> new Spec(sp.ecosystem(), sp.packageSpec(), sp.serverArgs(), venv));
        }
        String target = directory != null && !t.startsWith("/") ? directory + "/" + t : t;
        return Optional.of(new Spec("local", target, rest.subList(i + 1, rest.size())));
      }
    }
    return with == null ? Optional.empty() : Optional.of(new Spec("PyPI", with, List.of()));
  }

  private static String directory(List<String> globalFlags) {
    int i = globalFlags.indexOf("--directory");
    return i >= 0 && i + 1 < globalFlags.size() ? globalFlags.get(i + 1) : null;
  }

  static Optional<Spec> pipxRun(List<String> rest) {
    String spec = null;
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      if (t.equals("--spec") && i + 1 < rest.size()) {
        spec = rest.get(++i);
      } else if (PIPX_VALUE_FLAGS.contains(t)) {
        i++;
      } else if (!t.startsWith("-")) {
        return Optional.of(
            new Spec("PyPI", spec != null ? spec : t, rest.subList(i + 1, rest.size())));
      }
    }
    return spec == null ? Optional.empty() : Optional.of(new Spec("PyPI", spec, List.of()));
  }

  /** {@code docker run [flags] IMAGE [args]}; also {@code docker container run}. */
  static Optional<Spec> containerRun(List<String> rest) {
    Optional<List<String>> run =
        subcommand(rest, "run")
            .or(() -> subcommand(rest, "container").flatMap(r -> subcommand(r, "run")));
    if (run.isEmpty()) {
      return Optional.empty();
    }
    List<String> r = run.get();
    for (int i = 0; i < r.size(); i++) {
      String t = r.get(i);
      if (t.startsWith("-")) {
        if (!t.contains("=") && CONTAINER_VALUE_FLAGS.contains(t)) {
          i++;
        }
      } else {
        return Optional.of(new Spec("docker", t, r.subList(i + 1, r.size())));
      }
    }
    return Optional.empty();
  }

  /** {@code node server.js}, {@code python -m pkg}, {@code deno run npm:pkg}. */
  static Optional<Spec> interpreter(String exe, List<String> rest) {
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      if (t.equals("-m") && i + 1 < rest.size() && (exe.startsWith("python") || exe.equals("py"))) {
        // A module, not a package name: PackageResolver asks what on disk provides it.
        return Optional.of(
            new Spec(PYTHON_MODULE, rest.get(i + 1), rest.subList(i + 2, rest.size())));
      }
      if (t.startsWith("-m") && t.length() > 2 && (exe.startsWith("python") || exe.equals("py"))) {
        return Optional.of(
            new Spec(PYTHON_MODULE, t.substring(2), rest.subList(i + 1, rest.size())));
      }
      if (t.equals("-e") || t.equals("-c") || t.equals("--eval")) {
        return Optional.empty(); // inline code: nothing to name
      }
      if (t.equals("-jar") && i + 1 < rest.size()) {
        return Optional.of(new Spec("local", rest.get(i + 1), rest.subList(i + 2, rest.size())));
      }
      if (t.startsWith("-") || (exe.equals("deno") && t.equals("run"))) {
        continue;
      }
      if (t.startsWith("npm:")) {
        return Optional.of(new Spec("npm", t.substring(4), rest.subList(i + 1, rest.size())));
      }
      return Optional.of(new Spec("local", t, rest.subList(i + 1, rest.size())));
    }
    return Optional.empty();
  }

  /** A binary on PATH or at a path: a known proxy is its npm package, anything else is local. */
  static Optional<Spec> binary(String command, List<String> rest) {
    String exe = executableName(command);
    if (Proxies.isProxy(exe) && !command.contains("/") && !command.contains("\\")) {
      return Optional.of(new Spec(Proxies.ecosystemOf(exe), exe, rest));
    }
    return Optional.of(new Spec("local", command, rest));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
