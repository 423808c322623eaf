package dev.daylight.agent.cli;

import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.guard.GuardInstaller;
import dev.daylight.agent.guard.GuardMode;
import dev.daylight.agent.guard.Spool;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "guard",
    mixinStandardHelpOptions = true,
    subcommands = {
      GuardCommand.Install.class,
      GuardCommand.Uninstall.class,
      GuardCommand.Status.class,
      GuardCommand.Mode.class
    },
    description =
        "Daylight's hook in the AI clients (Claude Code, Cursor, Codex, Gemini CLI, Windsurf, Copilot CLI):"
            + " refuses or records each MCP "
            + "tool call from what the last scan found (malicious, suspended, denied).")
final class GuardCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every subcommand shares: whose files, which store. */
  static final class Where {
    @Mixin StoreOptions store;

    @Option(
        names = "--managed",
        description =
            "The machine-wide (administrator) hook files instead of the user's;"
                + " run as root/Administrator.")
    boolean managed;

    @Option(
        names = "--home",
        paramLabel = "DIR",
        description = "Another user's home (tests, demos); needs --state-dir.")
    Path home;

    @Option(names = "--os", description = "Layout of --home: linux, macos or windows.")
    String os;

    @Option(
        names = "--client",
        paramLabel = "ID",
        split = ",",
        description =
            "Only these clients (claude-code, cursor, codex, gemini-cli, windsurf, copilot-cli);"
                + " default: every client in use.")
    List<String> clients = List.of();

    GuardInstaller installer(CommandSpec spec) {
      Layout machine = Layout.currentMachine();
      if (home != null && store.stateDir == null) {
        throw new ParameterException(
            spec.commandLine(),
            "--home needs --state-dir (the hook of another home" + " reads that home's decisions)");
      }
      Layout layout =
          home == null ? machine : Layout.of(os == null ? machine.os() : Os.parse(os), home);
      if (layout.os() == Os.WINDOWS) {
        throw new ParameterException(spec.commandLine(), GuardInstaller.WINDOWS + ".");
      }
      return new GuardInstaller(store.dir(), layout, managed);
    }

    Set<String> only() {
      return new LinkedHashSet<>(clients);
    }
  }

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description =
          "Adds Daylight's hook to each client's settings, keeping every hook already there.")
  static final class Install implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Override
    public Integer call() throws Exception {
      GuardMode mode;
      try (Store s = where.store.open()) {
        mode = Guard.mode(s);
        Guard.refresh(where.store.dir(), s);
      }
      return print(spec, where.installer(spec).install(mode, where.only()));
    }
  }

  @Command(
      name = "uninstall",
      mixinStandardHelpOptions = true,
      description =
          "Removes Daylight's hook; a file nobody changed since is restored byte for byte.")
  static final class Uninstall implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Override
    public Integer call() throws Exception {
      return print(spec, where.installer(spec).uninstall(where.only()));
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Per client: hook installed or not, the mode, the last call the hook saw.")
  static final class Status implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Override
    public Integer call() throws Exception {
      String mode;
      try (Store s = where.store.open()) {
        mode = Guard.mode(s).wire() + " (" + Guard.modeSource(s) + ")";
      }
      Map<String, Spool.Call> last = Spool.lastByClient(where.store.dir());
      PrintWriter out = spec.commandLine().getOut();
      out.println("mode: " + mode);
      for (GuardInstaller.Result r : where.installer(spec).status()) {
        Spool.Call c = last.get(r.client());
        out.printf(
            "%-12s %-14s %-40s last call: %s%n",
            r.client(),
            r.outcome() == GuardInstaller.Outcome.INSTALLED
                ? "installed"
                : r.outcome() == GuardInstaller.Outcome.SKIPPED ? "no hook file" : "not installed",
            r.file().map(Path::toString).orElse(r.detail()),
            c == null ? "none" : c.ts() + " " + c.server() + " " + c.tool() + " " + c.decision());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "mode",
      mixinStandardHelpOptions = true,
      description =
          "Shows or sets this machine's mode: off, audit (record only; the default) or enforce."
              + " A mode from the fleet policy wins over it.")
  static final class Mode implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(arity = "0..1", paramLabel = "MODE", description = "off, audit or enforce")
    String mode;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open()) {
        if (mode != null) {
          GuardMode m;
          try {
            m = GuardMode.parse(mode);
          } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
          }
          s.putSetting(Guard.LOCAL_MODE, m.wire());
          Guard.refresh(store.dir(), s);
        }
        out.println(Guard.mode(s).wire() + " (" + Guard.modeSource(s) + ")");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static int print(CommandSpec spec, List<GuardInstaller.Result> results) {
    PrintWriter out = spec.commandLine().getOut();
    int status = ExitCodes.OK;
    for (GuardInstaller.Result r : results) {
      out.printf(
          "%-12s %-13s %s%s%n",
          r.client(),
          r.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          r.file().map(p -> p + (r.detail().isEmpty() ? "" : ": ")).orElse(""),
          r.detail());
      if (r.outcome() == GuardInstaller.Outcome.FAILED) {
        status = ExitCodes.RUNTIME_FAILURE;
      }
    }
    out.flush();
    return status;
  }
}
