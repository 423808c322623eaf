package dev.daylight.agent.cli;

import dev.daylight.agent.daemon.Resident;
import dev.daylight.agent.text.Visible;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code daylight} command. The only place (with its commands) that prints. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(Resident.CHILD_VIA_LAUNCHER)) {
      RunChild.main(java.util.Arrays.copyOfRange(args, 1, args.length)); // a scan child of `run`
      return;
    }
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** As {@link #run(String...)}, printing to {@code out} and {@code err} when they are not null. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    EarlyStart.begin(args);
    try {
      CommandLine cli = newCommandLine(args);
      if (out != null) {
        cli.setOut(out);
      }
      if (err != null) {
        cli.setErr(err);
      }
      return cli.execute(args);
    } finally {
      EarlyStart.end();
    }
  }

  /** The command line with every subcommand, as {@code daylight --help} lists them. */
  static CommandLine newCommandLine() {
    return newCommandLine(new String[0]);
  }

  /**
   * The command line for these arguments: with only the subcommand the first argument names, when
   * it names one, so a start does not pay for building the other subcommands' models.
   */
  static CommandLine newCommandLine(String[] args) {
    CommandLine cli = new CommandLine(DaylightCommand.newSpec(), CodedSpec.FACTORY);
    String first = args.length == 0 ? null : args[0];
    if (ScanCommand.NAME.equals(first)) {
      cli.addSubcommand(new CommandLine(ScanCommand.newSpec(), CodedSpec.FACTORY));
    } else {
      Class<?> invoked = first == null ? null : subcommandNamed(first);
      if (invoked == null) {
        cli.addSubcommand(new CommandLine(ScanCommand.newSpec(), CodedSpec.FACTORY));
      }
      for (Class<?> sub : DaylightCommand.SUBCOMMANDS) {
        if (invoked == null || sub == invoked) {
          cli.addSubcommand(sub);
        }
      }
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("daylight: " + Visible.of(describe(ex)));
          return ExitCodes.RUNTIME_FAILURE;
        });
    cli.setParameterExceptionHandler(Main::badArguments);
    // picocli consults this mapper for bad arguments too; those must stay usage errors (2).
    cli.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException
        ? ExitCodes.USAGE : ExitCodes.RUNTIME_FAILURE);
    return cli;
  }

  /** picocli's own handling of bad arguments, with the message (which quotes them) made visible. */
  private static int badArguments(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(Visible.of(ex.getMessage()));
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
      cmd.usage(err, cmd.getColorScheme());
    }
    return ExitCodes.USAGE;
  }

  private static Class<?> subcommandNamed(String name) {
    for (Class<?> sub : DaylightCommand.SUBCOMMANDS) {
      CommandLine.Command command = sub.getAnnotation(CommandLine.Command.class);
      if (command.name().equals(name) || List.of(command.aliases()).contains(name)) {
        return sub;
      }
    }
    return null;
  }

  private static String describe(Exception ex) {
    String message = ex.getMessage();
    return message == null ? ex.getClass().getSimpleName() : message;
  }
}
