package dev.daylight.agent.cli;

import picocli.CommandLine.Command;

/** The top-level {@code daylight} command; each feature adds its subcommand here. */
@Command(
    name = "daylight",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Finds AI clients, their MCP servers and the packages they run.",
    subcommands = {
      ScanCommand.class,
      EventsCommand.class,
      FindingsCommand.class,
      ReviewCommand.class,
      StatusCommand.class,
      ExportCommand.class,
      IntelCommand.class,
      EnrollCommand.class,
      RunCommand.class
    })
final class DaylightCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
