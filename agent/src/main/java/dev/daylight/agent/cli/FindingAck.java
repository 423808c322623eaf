package dev.daylight.agent.cli;

import dev.daylight.agent.store.Acknowledgement;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.StoredFinding;
import dev.daylight.agent.text.Visible;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daylight findings ack ID --reason TEXT}: a low or medium finding is expected and seen. */
@Command(
    name = "ack",
    mixinStandardHelpOptions = true,
    description =
        "Acknowledge one open low or medium finding, saying why. Critical and high findings "
            + "close only when fixed or when a reviewer approves or denies the package.")
final class FindingAck implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "The finding's id, as 'daylight findings' lists it.")
  String id;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why it is acceptable.")
  String reason;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (reason.isBlank()) {
      err.println("daylight findings ack: --reason must say why");
      return ExitCodes.USAGE;
    }
    try (Store s = store.open()) {
      Acknowledgement result = s.acknowledge(id, reason.strip());
      switch (result) {
        case ACKNOWLEDGED -> {
          PrintWriter out = spec.commandLine().getOut();
          out.println("acknowledged " + Visible.of(id));
          out.flush();
          return ExitCodes.OK;
        }
        case NOT_OPEN -> {
          err.println(
              "daylight findings ack: no open finding "
                  + Visible.of(id)
                  + " in "
                  + Visible.of(store.dir()));
          return ExitCodes.USAGE;
        }
        case NEEDS_FIX_OR_REVIEW -> {
          StoredFinding f =
              s.findings(true).stream()
                  .filter(x -> x.finding().id().equals(id))
                  .findFirst()
                  .orElseThrow();
          err.println(
              "daylight findings ack: " + Acknowledgement.howToResolve(f.finding().severity()));
          return ExitCodes.USAGE;
        }
        default -> throw new IllegalStateException(result.name());
      }
    }
  }
}
