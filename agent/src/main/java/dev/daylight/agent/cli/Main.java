package dev.daylight.agent.cli;

import picocli.CommandLine;

/** Entry point of the {@code daylight} command. The only place (with its commands) that prints. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new DaylightCommand());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("daylight: " + describe(ex));
          return ExitCodes.RUNTIME_FAILURE;
        });
    // picocli consults this mapper for bad arguments too; those must stay usage errors (2).
    cli.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException
        ? ExitCodes.USAGE : ExitCodes.RUNTIME_FAILURE);
    return cli;
  }

  private static String describe(Exception ex) {
    String message = ex.getMessage();
    return message == null ? ex.getClass().getSimpleName() : message;
  }
}
