package dev.daylight.agent.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** The top-level {@code daylight} command; each feature adds its subcommand to {@link #SUBCOMMANDS}. */
@Command(
    name = "daylight",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Finds AI clients, their MCP servers and the packages they run.")
final class DaylightCommand implements Runnable {
  /**
   * Every subcommand, in usage order. Not in the annotation: picocli would then build each one's
   * model by reflection on every start, most of a short scan's start-up; {@link Main} adds only the
   * invoked one when the first argument names it, and all of them otherwise (help, usage errors).
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      ScanCommand.class,
      EventsCommand.class,
      FindingsCommand.class,
      ReviewCommand.class,
      StatusCommand.class,
      ExportCommand.class,
      IntelCommand.class,
      EnrollCommand.class,
      RunCommand.class);

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
