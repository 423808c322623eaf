package dev.daylight.agent.cli;

import ch.qos.logback.classic.Level;
import dev.daylight.agent.child.ChildRound;
import dev.daylight.agent.daemon.Resident;
import dev.daylight.agent.logging.DaemonLogging;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.scan.ScanContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line of one scan child of {@code daylight run} (its work is {@link ChildRound}): a
 * hidden subcommand with the mixins of {@code scan}, so every scan option reaches it.
 */
@Command(
    name = RunChild.NAME,
    hidden = true,
    description = "A scan or delivery child of `daylight run`.")
final class RunChild implements Callable<Integer> {
  static final String NAME = Resident.CHILD_COMMAND;
  private static final Logger log = LoggerFactory.getLogger(RunChild.class);

  @Spec CommandSpec spec;
  @Mixin StoreOptions storeOptions = new StoreOptions();
  @Mixin JudgeOptions judge = new JudgeOptions();
  @Mixin ScanTarget target = new ScanTarget();

  @Option(names = "--child", required = true, description = "scan (then deliver) or deliver only.")
  ChildRound.Mode mode;

  @Option(names = "--reason", description = "Why the resident started this child, for the log.")
  String reason = "";

  @Option(names = "--hold", description = "Start, then wait for a line on stdin before working.")
  boolean hold;

  @Option(
      names = "--log-level",
      defaultValue = "INFO",
      description = "Level of Daylight's own logs.")
  String logLevel;

  @Override
  public Integer call() {
    DaemonLogging.toResident(Level.toLevel(logLevel, Level.INFO));
    try {
      return new ChildRound(storeOptions.dir(), new Options(), mode, reason).run(hold);
    } catch (Exception | StackOverflowError e) {
      log.error("{} child failed", mode, e);
      return ExitCodes.RUNTIME_FAILURE;
    }
  }

  /** The parsed options, as the round asks for them. */
  private final class Options implements ChildRound.Setup {
    @Override
    public Scanner scanner(Path stateDir) throws IOException {
      return judge.scanner(stateDir);
    }

    @Override
    public ScanContext context() {
      return target.context(spec);
    }

    @Override
    public boolean machine() {
      return target.machine();
    }

    @Override
    public boolean allUsers() {
      return target.allUsers;
    }
  }
}
