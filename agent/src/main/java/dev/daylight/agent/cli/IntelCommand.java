package dev.daylight.agent.cli;

import dev.daylight.agent.intel.BundledInfo;
import dev.daylight.agent.intel.Intel;
import dev.daylight.agent.intel.IntelMatch;
import dev.daylight.agent.intel.IntelStore;
import dev.daylight.agent.intel.LoadReport;
import dev.daylight.agent.text.Visible;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daylight intel}: manage the offline OSV intel scans match packages against. */
@Command(
    name = "intel",
    mixinStandardHelpOptions = true,
    description =
        "Offline OSV intel: import records for later scans, compile snapshots, look up a package.",
    subcommands = {
      IntelCommand.Status.class,
      IntelCommand.Import.class,
      IntelCommand.Compile.class,
      IntelCommand.Check.class
    })
final class IntelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void report(PrintWriter out, Path source, LoadReport r) {
    out.printf(
        "%s: %d records (%d withdrawn, kept as tombstones), %d unreadable%n",
        Visible.of(source), r.records(), r.withdrawn(), r.errors().size());
    r.errors().stream().limit(20).forEach(e -> out.println("  skipped " + Visible.of(e)));
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Say which intel scans use: the bundled snapshot (source, licence, date, size), "
              + "the imported records, and how long loading them takes.")
  static final class Status implements Callable<Integer> {
    /** Past this age the bundled data misses recent malware; the status says how to update. */
    static final Duration STALE = Duration.ofDays(30);

    @Spec CommandSpec spec;

    @Mixin StoreOptions state;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Optional<BundledInfo> info = BundledInfo.load();
      if (info.isEmpty()) {
        out.println("bundled snapshot: none in this build (only imported records are used)");
      }
      info.ifPresent(i -> bundled(out, i, Instant.now()));
      IntelStore store = new IntelStore(state.dir());
      if (store.lastModified().isPresent()) {
        Intel.Builder imported = Intel.builder();
        store.addTo(imported);
        out.printf(
            "imported: %d lines in %s, last changed %s%n",
            imported.build().size(),
            store.file(),
            store.lastModified().get().toInstant().truncatedTo(ChronoUnit.SECONDS));
      } else {
        out.println(
            "imported: none (daylight intel import PATH adds OSV records or a newer export)");
      }
      long start = System.nanoTime();
      Intel.Builder all = Intel.builder().addBundled();
      store.addTo(all);
      int lines = all.build().size();
      out.printf(
          "in use: %d lines, loaded in %d ms%n", lines, (System.nanoTime() - start) / 1_000_000);
      return ExitCodes.OK;
    }

    static void bundled(PrintWriter out, BundledInfo i, Instant now) {
      String perEco =
          i.linesPerEcosystem().entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue())
              .collect(Collectors.joining(", "));
      String date =
          i.dataDate()
              .map(
                  d -> {
                    long days = Duration.between(d, now).toDays();
                    return "data as of "
                        + d.truncatedTo(ChronoUnit.SECONDS)
                        + " ("
                        + days
                        + " days old)";
                  })
              .orElse("data date unknown");
      out.printf(
          "bundled snapshot: %d lines (%s), %d of them withdrawn; %s; %d KB compressed%n",
          i.lines(), perEco, i.withdrawn(), date, (i.bytes() + 1023) / 1024);
      out.println("  source: " + i.source());
      out.println("  licence: " + i.licence());
      if (i.dataDate().map(d -> Duration.between(d, now).compareTo(STALE) > 0).orElse(true)) {
        out.println(
            "  older than "
                + STALE.toDays()
                + " days: import a newer OSV export with "
                + "`daylight intel import PATH` (or let the collector send one)");
      }
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Store OSV records (directory of JSON, OSV export zip, JSON file or compact file) "
              + "in the Daylight state folder; every later scan uses them.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> sources;

    @Mixin StoreOptions state;

    @Override
    public Integer call() throws Exception {
      IntelStore store = new IntelStore(state.dir());
      PrintWriter out = spec.commandLine().getOut();
      for (Path source : sources) {
        report(out, source, store.importFrom(source));
      }
      out.println("stored in " + Visible.of(store.file()));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "compile",
      mixinStandardHelpOptions = true,
      description =
          "Compile OSV sources into one compact snapshot file (.tsv or .tsv.gz), "
              + "e.g. to replace the bundled snapshot with a full export.")
  static final class Compile implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> sources;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Override
    public Integer call() throws Exception {
      Intel.Builder b = Intel.builder();
      PrintWriter w = spec.commandLine().getOut();
      for (Path source : sources) {
        report(w, source, b.add(source));
      }
      Intel intel = b.build();
      intel.writeCompact(out);
      w.printf("wrote %d lines to %s%n", intel.size(), Visible.of(out));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Look one package up in the bundled and imported intel. Exit 1 when an advisory matches.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ECOSYSTEM", description = "npm or PyPI")
    String ecosystem;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VERSION")
    String version;

    @Option(
        names = "--intel",
        paramLabel = "PATH",
        description = "extra OSV records for this lookup")
    List<Path> extra = List.of();

    @Mixin StoreOptions state;

    @Override
    public Integer call() throws Exception {
      Intel.Builder b = Intel.builder().addBundled();
      new IntelStore(state.dir()).addTo(b);
      for (Path p : extra) {
        b.add(p);
      }
      List<IntelMatch> matches = b.build().match(ecosystem, name, version);
      PrintWriter out = spec.commandLine().getOut();
      if (matches.isEmpty()) {
        out.println("no advisory for " + Visible.of(name + (version == null ? "" : "@" + version)));
        return ExitCodes.OK;
      }
      for (IntelMatch m : matches) {
        out.printf(
            "%s %s %s%s%n",
            Visible.of(m.advisory().id()),
            m.exact() ? "affects" : "possibly affects (version unknown)",
            Visible.of(name + (version == null ? "" : "@" + version)),
            m.advisory().summary() == null ? "" : ": " + Visible.of(m.advisory().summary()));
      }
      return ExitCodes.FINDINGS;
    }
  }
}
