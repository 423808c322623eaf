package dev.daylight.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.StoredFinding;
import dev.daylight.protocol.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "findings",
    mixinStandardHelpOptions = true,
    subcommands = FindingAck.class,
    description =
        "Findings in the store with their lifecycle (open, acknowledged, resolved). "
            + "Exit code 1 when an open finding is listed. 'findings ack ID --reason TEXT' acknowledges one.")
final class FindingsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--open", description = "Only open findings.")
  boolean openOnly;

  @Override
  public Integer call() throws Exception {
    List<StoredFinding> findings;
    try (Store s = store.open()) {
      findings = s.findings(openOnly);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      ArrayNode array = Json.mapper().createArrayNode();
      for (StoredFinding f : findings) {
        ObjectNode n = array.addObject();
        n.setAll((ObjectNode) Json.mapper().valueToTree(f.finding()));
        n.put("status", f.status().name().toLowerCase(Locale.ROOT));
        n.put("firstSeen", f.firstSeen().toString());
        n.put("lastSeen", f.lastSeen().toString());
        f.resolvedAt().ifPresent(t -> n.put("resolvedAt", t.toString()));
        f.acknowledgedAt().ifPresent(t -> n.put("acknowledgedAt", t.toString()));
        f.note().ifPresent(t -> n.put("note", t));
      }
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
      out.flush();
    } else {
      Terminal term = Terminal.current();
      Table t =
          new Table("SEVERITY", "STATUS", "ID", "FIRST SEEN", "TITLE", "WHERE")
              .severity(0)
              .keepTail(5);
      for (StoredFinding f : findings) {
        var e = f.finding().evidence();
        String where =
            e == null || e.file() == null
                ? null
                : e.file() + (e.line() == null ? "" : ":" + e.line());
        t.row(
            f.finding().severity().wire(),
            f.status().name().toLowerCase(Locale.ROOT),
            f.finding().id(),
            term.time(f.firstSeen()),
            f.finding().title(),
            where);
      }
      t.print(out, term);
    }
    return findings.stream().anyMatch(StoredFinding::open) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
