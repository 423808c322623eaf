package dev.daylight.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.usage.Usage;
import dev.daylight.agent.usage.UsageSummary;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.RemovedServerUsage;
import dev.daylight.protocol.ScanError;
import dev.daylight.protocol.ServerUsage;
import dev.daylight.protocol.ToolUsage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = {
      "The delegated tool use ledger: how often each MCP server's tools were called, from the AI"
          + " clients' own records (transcripts, session files, MCP logs, the guard's spool).",
      "Only server, tool, time, client, project folder and outcome are kept; never arguments, results"
          + " or message text. Servers no config lists any more are shown as removed."
    })
final class UsageCommand implements Callable<Integer> {
  /** One row: a configured server, or calls to one no config lists. */
  /** One server's usage; {@code osUser} names the account in an all-users view, else null. */
  record Row(
      String client,
      String server,
      String osUser,
      boolean configured,
      String configPath,
      ServerUsage usage) {}

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(
      names = "--since",
      converter = Since.class,
      paramLabel = "T",
      defaultValue = "30d",
      description =
          "Count calls from T on: an age such as 7d or 24h, or an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
  Instant since;

  @Option(names = "--server", paramLabel = "NAME", description = "Only servers with this name.")
  String server;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(
      names = "--no-read",
      description = "Print what the ledger holds without reading new records first.")
  boolean noRead;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Read the records of this folder as a user's home.")
  Path home;

  @Option(
      names = "--os",
      paramLabel = "OS",
      converter = ScanTarget.OsConverter.class,
      description = "Layout of --home: linux, macos or windows (default: this machine's).")
  Os os;

  @Option(
      names = "--all-users",
      description =
          "Read every account's records (as root or the machine-wide"
              + " service), each account's calls going to its own servers.")
  boolean allUsers;

  @Override
  public Integer call() throws Exception {
    if (allUsers && (home != null || os != null)) {
      spec.commandLine()
          .getErr()
          .println("daylight usage: --all-users reads this machine; it takes no --home or --os");
      return ExitCodes.USAGE;
    }
    Inventory withUsage;
    try (Store s = store.open()) {
      Inventory latest = s.latest().orElseGet(UsageCommand::nothingScanned);
      withUsage =
          noRead
              ? UsageSummary.attach(latest, s.usageSince(since))
              : Usage.attach(latest, Usage.homes(context(), allUsers), s, store.dir(), since);
    }
    for (ScanError e : withUsage.errors()) {
      if (e.reason().startsWith("usage records")) {
        spec.commandLine().getErr().println("daylight usage: " + e.path() + ": " + e.reason());
      }
    }
    List<Row> rows =
        rows(withUsage).stream().filter(r -> server == null || r.server().equals(server)).toList();
    print(rows);
    return ExitCodes.OK;
  }

  private ScanContext context() {
    if (home == null) {
      return ScanContext.currentMachine();
    }
    return ScanContext.forHome(
        home.toAbsolutePath().normalize(), os != null ? os : Layout.currentMachine().os());
  }

  static List<Row> rows(Inventory inv) {
    List<Row> rows = new ArrayList<>();
    for (McpServer s : inv.servers()) {
      rows.add(
          new Row(
              s.client(),
              s.name(),
              s.osUser(),
              true,
              s.configPath(),
              s.usage() != null ? s.usage() : ServerUsage.idle()));
    }
    if (inv.removedServerUsage() != null) {
      for (RemovedServerUsage r : inv.removedServerUsage()) {
        rows.add(new Row(r.client(), r.name(), null, false, null, r.usage()));
      }
    }
    rows.sort(
        Comparator.comparingLong((Row r) -> r.usage().calls())
            .reversed()
            .thenComparing(Row::client)
            .thenComparing(Row::server));
    return rows;
  }

  private void print(List<Row> rows) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      ObjectNode doc = Json.mapper().createObjectNode();
      doc.put("since", since.toString());
      ArrayNode servers = doc.putArray("servers");
      for (Row r : rows) {
        servers.add(Json.mapper().valueToTree(r));
      }
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } else {
      Table t =
          new Table(
              "CLIENT",
              "SERVER",
              "CONFIGURED",
              "CALLS",
              "ERRORS",
              "LAST CALL",
              "TOOLS",
              "PROJECTS");
      for (Row r : rows) {
        ServerUsage u = r.usage();
        t.row(
            r.client(),
            r.osUser() == null ? r.server() : r.server() + " (" + r.osUser() + ")",
            r.configured() ? "yes" : "removed",
            u.calls(),
            u.tools().stream().mapToLong(ToolUsage::errors).sum(),
            u.lastCall() == null ? "idle" : u.lastCall(),
            u.tools().stream()
                .limit(3)
                .map(x -> x.name() + " " + x.calls())
                .collect(Collectors.joining(", ")),
            String.join(", ", u.projects()));
      }
      t.print(out);
    }
    out.flush();
  }

  private static Inventory nothingScanned() {
    return Inventory.builder()
        .scanId("none")
        .host(
            new Host(
                null,
                null,
                Os.current().name().toLowerCase(java.util.Locale.ROOT),
                null,
                null,
                null,
                null))
        .build();
  }
}
