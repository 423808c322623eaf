package dev.daylight.agent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.managed.EnrollmentState;
import dev.daylight.agent.report.Credentials;
import dev.daylight.agent.report.Endpoint;
import dev.daylight.agent.report.Reporter;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.StoreStatus;
import dev.daylight.agent.text.Visible;
import dev.daylight.protocol.AnswerSignature;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.Severity;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Last scan, open findings by severity, servers, outbox depth.")
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    StoreStatus st;
    String refused;
    try (Store s = store.open()) {
      st = s.status();
      refused = s.setting(Reporter.POLICY_REFUSED).filter(r -> !r.isBlank()).orElse(null);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      ObjectNode n = Json.mapper().createObjectNode();
      st.lastScan()
          .ifPresent(
              l -> {
                n.put("lastScanId", l.scanId());
                n.put("lastScanAt", l.storedAt().toString());
              });
      ObjectNode open = n.putObject("openFindings");
      st.openBySeverity().forEach((k, v) -> open.put(k.wire(), v));
      n.put("activeServers", st.activeServers());
      n.put("outboxDepth", st.outboxDepth());
      n.put("stateDir", store.dir().toString());
      n.put("collector", collector(store.dir()));
      if (refused != null) {
        n.put("policyRefused", refused);
      }
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
    } else {
      out.println("store:         " + store.dir());
      out.println(
          "last scan:     "
              + st.lastScan().map(l -> l.storedAt() + " (" + l.scanId() + ")").orElse("never"));
      out.println("servers:       " + st.activeServers());
      out.println("open findings: " + bySeverity(st.openBySeverity()));
      out.println("outbox:        " + st.outboxDepth() + " report(s) waiting for the collector");
      out.println("collector:     " + Visible.of(collector(store.dir())));
      if (refused != null) {
        out.println("policy:        REFUSED: " + Visible.of(refused));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Enrolled, or not and why: the last automatic enrollment's failure in words. */
  static String collector(Path stateDir) {
    Optional<Credentials> enrolled;
    try {
      enrolled = Credentials.load(stateDir);
    } catch (UncheckedIOException e) {
      enrolled = Optional.empty();
    }
    if (enrolled.isPresent()) {
      String signing =
          enrolled.get().signingKey() == null
              ? "no signing key pinned yet"
              : "answers must be signed by key "
                  + AnswerSignature.keyId(enrolled.get().signingKey());
      return "enrolled with "
          + Endpoint.display(enrolled.get().collector())
          + " as node "
          + enrolled.get().nodeId()
          + " ("
          + signing
          + ")";
    }
    return EnrollmentState.load(stateDir)
        .filter(e -> !e.enrolled())
        .map(e -> "NOT ENROLLED: " + e.describe())
        .orElse("not enrolled (daylight enroll, or collector and enroll_secret in agent.conf)");
  }

  private static String bySeverity(Map<Severity, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    int total = 0;
    for (Map.Entry<Severity, Integer> e : counts.entrySet()) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(e.getKey().wire())
          .append(' ')
          .append(e.getValue());
      total += e.getValue();
    }
    return total + " (" + sb + ")";
  }
}
