package dev.daylight.agent.cli;

import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.ReviewState;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true,
    description = "Approve or deny one package version. Approving a suspended version restores "
        + "trust and closes its finding; denying raises a finding while it is configured.")
final class ReviewCommand implements Callable<Integer> {
  enum Decision { approve, deny }

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(index = "0", description = "approve or deny")
  Decision decision;

  @Parameters(index = "1", paramLabel = "PURL@VERSION",
      description = "e.g. pkg:npm/postmark-mcp@1.0.16")
  String target;

  @Option(names = "--by", description = "Who decided (default: the current user).")
  String by;

  @Override
  public Integer call() {
    int at = target.lastIndexOf('@');
    if (!target.startsWith("pkg:") || at <= target.lastIndexOf('/') || at == target.length() - 1) {
      throw new ParameterException(spec.commandLine(),
          "expected PURL@VERSION such as pkg:npm/postmark-mcp@1.0.16, got '" + target + "'");
    }
    String purl = target.substring(0, at);
    String version = target.substring(at + 1);
    ReviewState state = decision == Decision.approve ? ReviewState.APPROVED : ReviewState.DENIED;
    List<ChangeEvent> events;
    try (Store s = store.open()) {
      events = s.review(purl, version, state, by != null ? by : System.getProperty("user.name"));
      Guard.refresh(store.dir(), s); // the hook lets the approved version through from the next call
    }
    PrintWriter out = spec.commandLine().getOut();
    for (ChangeEvent e : events) {
      out.println(e.type().wire() + ": " + e.summary());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
