package dev.daylight.agent.cli;

import dev.daylight.agent.report.CaFile;
import dev.daylight.agent.report.Credentials;
import dev.daylight.agent.report.Enroller;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.text.Visible;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code daylight enroll}: trade the enrollment secret for a node key (kept 0600 in the state dir).
 */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Enrolls this agent with a Daylight collector; the daemon then reports to it.",
      "Plain http:// is refused except to loopback."
    })
final class EnrollCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Option(
      names = "--collector",
      required = true,
      paramLabel = "URL",
      description = "https://collector.example:8443")
  String collector;

  @Option(
      names = "--secret",
      paramLabel = "S",
      description =
          "Enrollment secret (or set DAYLIGHT_ENROLL_SECRET, which stays out of the process list).")
  String secret;

  @Option(
      names = "--ca",
      paramLabel = "PEM",
      description = "Trust this CA certificate file for the collector.")
  Path ca;

  @Option(
      names = "--pin",
      paramLabel = "SHA256",
      description = "Trust only the collector certificate (or public key) with this SHA-256.")
  String pin;

  @Override
  public Integer call() throws Exception {
    String s = secret != null ? secret : System.getenv("DAYLIGHT_ENROLL_SECRET");
    if (s == null || s.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "give --secret or set DAYLIGHT_ENROLL_SECRET");
    }
    if (ca != null && pin != null) {
      throw new ParameterException(spec.commandLine(), "give --ca or --pin, not both");
    }
    PrintWriter err = spec.commandLine().getErr();
    Credentials c;
    try {
      String caPem = ca == null ? null : CaFile.read(ca);
      c = Enroller.enroll(store.dir(), collector, s, caPem, pin);
    } catch (IllegalArgumentException e) {
      // One line naming what is wrong; the usage text would bury it. Messages never hold secrets.
      err.println("daylight enroll: " + Visible.of(e.getMessage()));
      return ExitCodes.USAGE;
    } catch (java.io.IOException e) {
      err.println(
          "daylight enroll: "
              + Visible.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return ExitCodes.RUNTIME_FAILURE;
    }
    try (Store st = store.open()) {
      st.requestSnapshot();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "enrolled with " + Visible.of(c.collector()) + " as node " + Visible.of(c.nodeId()));
    out.flush();
    return ExitCodes.OK;
  }
}
