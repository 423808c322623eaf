package dev.daylight.agent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.daylight.agent.allusers.AllUsers;
import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.platform.Accounts;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.Scanner;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.RecordWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code daylight scan}: one scan, printed as a table or as the JSON {@link Inventory}. The steps
 * are separate methods so features can add theirs: {@link #context()} (whose home, which flags),
 * {@link #scanner()} (which stages), {@link #afterScan} (store), {@link #exitCode} (fail-on).
 * Its picocli model is built in code ({@link #newSpec}), not read from annotations: see
 * {@link CodedSpec}.
 */
final class ScanCommand implements Callable<Integer> {
  enum Format { json, table }

  static final String NAME = "scan";

  CommandSpec spec;
  Path home;
  Os os;
  Format format;
  int depth = ScanContext.DEFAULT_WALK_DEPTH;
  boolean noHost;
  boolean noStore;
  final JudgeOptions judge = new JudgeOptions();
  final StoreOptions store = new StoreOptions();
  boolean allUsers;
  boolean report;

  /** A fresh command and its model, options bound to its fields. */
  static CommandSpec newSpec() {
    ScanCommand c = new ScanCommand();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(c, CodedSpec.FACTORY).name(NAME);
    c.spec = spec;
    spec.usageMessage().description(
        "Lists every MCP server the AI clients of a home are configured to launch or call.",
        "Without --home/--os it scans this machine for the current user. Nothing found in a config"
            + " file is ever executed; secret values are printed only as <redacted> marks.");
    CodedSpec.standardHelpOptions(spec);
    spec.addOption(CodedSpec.option("--home", "DIR", Path.class,
        "Scan this folder as a user's home instead of the current user's (reads nothing outside it).",
        () -> c.home, v -> c.home = v).build());
    spec.addOption(CodedSpec.option("--os", "OS", Os.class,
        "Layout of the home: linux, macos or windows (default: this machine's).", () -> c.os, v -> c.os = v)
        .converters(new OsConverter()).build());
    spec.addOption(CodedSpec.option("--format", "FORMAT", Format.class,
        "json (the Inventory) or table (default on a terminal: table; otherwise json).",
        () -> c.format, v -> c.format = v).build());
    spec.addOption(CodedSpec.option("--depth", "N", int.class,
        "How many folder levels below the home to look for project configs (default: ${DEFAULT-VALUE}).",
        () -> c.depth, v -> c.depth = v).defaultValue("" + ScanContext.DEFAULT_WALK_DEPTH).build());
    spec.addOption(CodedSpec.flag("--no-host", "Run no host probes (processes, installed apps, ports).",
        () -> c.noHost, v -> c.noHost = v));
    spec.addOption(CodedSpec.flag("--no-store", "Do not record this scan in the local history.",
        () -> c.noStore, v -> c.noStore = v));
    c.judge.addTo(spec);
    c.store.addTo(spec);
    spec.addOption(CodedSpec.flag("--all-users",
        "Scan every user's home on this machine, each as its own layout; servers and clients carry the OS user"
            + " (run as root/Administrator to read them all).", () -> c.allUsers, v -> c.allUsers = v));
    spec.addOption(CodedSpec.flag("--report", "Store this scan and send it (with anything queued) to the"
        + " enrolled collector now; exit 3 when it could not be delivered.", () -> c.report, v -> c.report = v));
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    EarlyStart.awaitLogging();
    ScanContext context;
    try {
      context = context();
    } catch (ParameterException e) {
      // Thrown from call(), picocli would count it as a runtime failure; it is a usage error.
      spec.commandLine().getErr().println("daylight scan: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Inventory inventory = allUsers
        ? AllUsers.scan(scanner()::scan, context, Accounts.onThisMachine(context.layout()))
        : scanner().scan(context);
    inventory = afterScan(inventory, context);
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
    if (depth < 0) {
      throw new ParameterException(spec.commandLine(), "--depth must be 0 or more");
    }
    if (allUsers && (home != null || os != null)) {
      throw new ParameterException(spec.commandLine(), "--all-users scans this machine; it takes no --home or --os");
    }
    ScanContext base;
    if (home == null && os == null) {
      base = ScanContext.currentMachine();
    } else {
      Layout machine = Layout.currentMachine();
      Path dir = home == null ? machine.home() : home.toAbsolutePath().normalize();
      if (!Files.isDirectory(dir)) {
        throw new ParameterException(spec.commandLine(), "--home " + home + " is not a directory");
      }
      base = new ScanContext(Layout.of(os == null ? machine.os() : os, dir), Map.of(), true, true,
          depth, Optional.empty(), Optional.empty());
    }
    // A scan of another home is stored only into an explicitly named store.
    ScanContext ctx = base.withWalkDepth(depth).withHostProbes(!noHost && base.hostProbes())
        .withStore(!noStore && base.store() && (home == null || store.stateDir != null));
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
      Inventory recorded = s.record(inventory).inventory();
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
      // The mapper's pretty form, written without its per-type serializer set-up (RecordWriter);
      // whole or not at all, so a failure never leaves half a document on stdout.
      StringWriter json = new StringWriter(16_384);
      try (JsonGenerator g = new JsonFactory().createGenerator(json)) {
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        RecordWriter.write(g, inventory);
      }
      out.println(json);
    } else {
      InventoryTable.print(inventory, out);
    }
    out.flush();
  }

  static final class OsConverter implements picocli.CommandLine.ITypeConverter<Os> {
    @Override
    public Os convert(String value) {
      try {
        return Os.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
