package dev.daylight.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code daylight} command; each feature adds its subcommand to {@link #SUBCOMMANDS}.
 */
@Command(
    name = "daylight",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Finds AI clients, their MCP servers and the packages they run.")
final class DaylightCommand implements Runnable {
  /** Every subcommand, in usage order. */
  static final java.util.List<Class<?>> SUBCOMMANDS =
      java.util.List.of(
          ScanCommand.class,
          EventsCommand.class,
          FindingsCommand.class,
          ReviewCommand.class,
          ReviewReleaseCommand.class,
          CapabilitiesCommand.class,
          StatusCommand.class,
          ExportCommand.class,
          IntelCommand.class,
          EnrollCommand.class,
          RunCommand.class,
          DocsCommand.class,
          RunChild.class,
          UsageCommand.class,
          GuardCommand.class);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
