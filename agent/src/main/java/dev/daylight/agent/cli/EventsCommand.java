package dev.daylight.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description =
        "Change events recorded between scans (servers added, removed, changed; package versions; findings).")
final class EventsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(
      names = "--since",
      converter = Since.class,
      paramLabel = "T",
      description = "Only events from T on: an ISO-8601 instant or an age such as 24h or 7d.")
  Instant since;

  @Override
  public Integer call() throws Exception {
    List<ChangeEvent> events;
    try (Store s = store.open()) {
      events = s.events(Optional.ofNullable(since));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      ArrayNode array = Json.mapper().valueToTree(events);
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
      out.flush();
    } else {
      Terminal term = Terminal.current();
      Table t = new Table("AT", "TYPE", "SUMMARY");
      for (ChangeEvent e : events) {
        t.row(term.time(e.at()), e.type().wire(), e.summary());
      }
      t.print(out, term);
    }
    return ExitCodes.OK;
  }
}
