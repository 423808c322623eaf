package dev.daylight.agent.cli;

import dev.daylight.agent.allusers.AllUsers;
import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Accounts;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.text.Visible;
import dev.daylight.agent.usage.Usage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code daylight scan}: one scan, printed as a table or as the JSON {@link Inventory}. The steps
 * are separate methods so features can add theirs: {@link #context()} (whose home, which flags),
 * {@link #scanner()} (which stages), {@link #afterScan} (store), {@link #exitCode} (fail-on).
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lists every MCP server the AI clients of a home are configured to launch or call.",
      "Without --home/--os it scans this machine for the current user. Nothing found in a config"
          + " file is ever executed; secret values are printed only as <redacted> marks."
    })
final class ScanCommand implements Callable<Integer> {
  enum Format {
    json,
    table
  }

  @Spec CommandSpec spec;
  @Mixin ScanTarget target = new ScanTarget();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "json (the Inventory) or table (default on a terminal: table; otherwise json).")
  Format format;

  @Option(
      names = "--no-host",
      description = "Run no host probes (processes, installed apps, ports).")
  boolean noHost;

  @Option(names = "--no-store", description = "Do not record this scan in the local history.")
  boolean noStore;

  @Mixin JudgeOptions judge = new JudgeOptions();
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--usage-window",
      paramLabel = "AGE",
      defaultValue = "30d",
      converter = Since.class,
      description =
          "Count each server's tool calls over this window (an age such as 7d or an ISO-8601"
              + " instant; default: ${DEFAULT-VALUE}). Needs the store: a scan with --no-store has no usage.")
  Instant usageSince;

  @Option(
      names = "--report",
      description =
          "Store this scan and send it (with anything queued) to the"
              + " enrolled collector now; exit 3 when it could not be delivered.")
  boolean report;

  @Override
  public Integer call() throws Exception {
    ScanContext context;
    try {
      context = context();
    } catch (ParameterException e) {
      // Thrown from call(), picocli would count it as a runtime failure; it is a usage error.
      spec.commandLine().getErr().println("daylight scan: " + Visible.of(e.getMessage()));
      return ExitCodes.USAGE;
    }
    Inventory inventory =
        target.allUsers
            ? AllUsers.scan(scanner()::scan, context, Accounts.onThisMachine(context.layout()))
            : scanner().scan(context);
    inventory = afterScan(inventory, context);
    if (!context.store() && !noStore) {
      spec.commandLine()
          .getErr()
          .println(
              "daylight scan: not stored: a --home scan is stored only into a store"
                  + " named by --state-dir or "
                  + StoreOptions.ENV
                  + " (--no-store says this on purpose)");
    }
    print(inventory);
    if (report) {
      int delivered = ReportNow.run(store.dir(), inventory, spec.commandLine().getErr());
      if (delivered != ExitCodes.OK) {
        return delivered;
      }
    }
    return exitCode(inventory);
  }

  /** Whose files, laid out how, with what allowed. */
  ScanContext context() {
    ScanContext base = target.context(spec);
    // A scan of another home is stored only into an explicitly named store.
    ScanContext ctx =
        base.withHostProbes(!noHost && base.hostProbes())
            .withStore(!noStore && base.store() && (target.home == null || store.named()));
    return ctx.store() ? ctx.withFingerprintKey(DeviceKey.loadOrCreate(store.dir())) : ctx;
  }

  /** Discovery and declared packages, then installed packages, AI apps and the rules. */
  Scanner scanner() throws java.io.IOException {
    return judge.scanner(store.dir());
  }

  /** Records the scan when {@code context.store()}; the stored form adds trust findings. */
  Inventory afterScan(Inventory inventory, ScanContext context) {
    if (!context.store()) {
      return inventory;
    }
    try (Store s = store.open()) {
      Usage.Read usage =
          Usage.read(inventory, Usage.homes(context, target.allUsers), s, store.dir(), usageSince);
      Inventory recorded = s.record(usage.inventory(), usage.days()).inventory();
      Guard.refresh(store.dir(), s);
      return recorded;
    }
  }

  int exitCode(Inventory inventory) {
    return judge.exitCode(inventory);
  }

  private void print(Inventory inventory) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Format f = format != null ? format : System.console() != null ? Format.table : Format.json;
    if (f == Format.json) {
      // Whole or not at all, so a failure never leaves half a document on stdout.
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(inventory));
    } else {
      InventoryTable.print(inventory, out);
    }
    out.flush();
  }
}
