package dev.daylight.agent.cli;

import dev.daylight.agent.text.Visible;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code daylight} command. The only place (with its commands) that prints. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** As {@link #run(String...)}, printing to {@code out} and {@code err} when they are not null. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = newCommandLine(args.length == 0 ? null : args[0]);
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    return cli.execute(args);
  }

  /** The command line with every subcommand, as {@code daylight --help} lists them. */
  static CommandLine newCommandLine() {
    return newCommandLine(null);
  }

  /**
   * The command line with only the subcommand named {@code first}, when it names one: picocli loads
   * the types every subcommand's options and methods mention, and the resident agent ({@code run})
   * must stay free of the scan machinery that the other commands use.
   */
  static CommandLine newCommandLine(String first) {
    CommandLine cli = new CommandLine(new DaylightCommand());
    List<Class<?>> named =
        DaylightCommand.SUBCOMMANDS.stream().filter(c -> names(c).contains(first)).toList();
    (named.isEmpty() ? DaylightCommand.SUBCOMMANDS : named).forEach(cli::addSubcommand);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("daylight: " + Visible.of(describe(ex)));
          return ExitCodes.RUNTIME_FAILURE;
        });
    cli.setParameterExceptionHandler(Main::badArguments);
    // picocli consults this mapper for bad arguments too; those must stay usage errors (2).
    cli.setExitCodeExceptionMapper(
        ex ->
            ex instanceof CommandLine.ParameterException
                ? ExitCodes.USAGE
                : ExitCodes.RUNTIME_FAILURE);
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

  private static List<String> names(Class<?> command) {
    CommandLine.Command c = command.getAnnotation(CommandLine.Command.class);
    List<String> names = new ArrayList<>(List.of(c.aliases()));
    names.add(c.name());
    return names;
  }

  private static String describe(Exception ex) {
    String message = ex.getMessage();
    return message == null ? ex.getClass().getSimpleName() : message;
  }
}
