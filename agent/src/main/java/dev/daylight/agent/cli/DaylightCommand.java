package dev.daylight.agent.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The top-level {@code daylight} command; each feature adds its subcommand to {@link #SUBCOMMANDS}.
 * Its picocli model is built in code, as {@code scan}'s is (see {@link CodedSpec}).
 */
final class DaylightCommand implements Runnable {
  /**
   * Every annotated subcommand, in usage order after {@code scan}. Not in an annotation: picocli
   * would then build each one's model by reflection on every start; {@link Main} adds only the
   * invoked one when the first argument names it, and all of them otherwise (help, usage errors).
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      EventsCommand.class,
      FindingsCommand.class,
      ReviewCommand.class,
      StatusCommand.class,
      ExportCommand.class,
      IntelCommand.class,
      EnrollCommand.class,
      RunCommand.class,
      GuardCommand.class);

  private CommandSpec spec;

  static CommandSpec newSpec() {
    DaylightCommand c = new DaylightCommand();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(c, CodedSpec.FACTORY).name("daylight")
        .versionProvider(new VersionProvider());
    c.spec = spec;
    spec.usageMessage().description("Finds AI clients, their MCP servers and the packages they run.");
    CodedSpec.standardHelpOptions(spec);
    return spec;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
