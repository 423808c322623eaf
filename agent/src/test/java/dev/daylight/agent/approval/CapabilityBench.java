package dev.daylight.agent.approval;

import dev.daylight.agent.capability.Capabilities;
import dev.daylight.agent.fingerprint.Fingerprint;
import dev.daylight.agent.fingerprint.Fingerprinter;
import dev.daylight.agent.installed.InstalledStage;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.release.ReleaseBench;
import dev.daylight.agent.release.ReleaseStage;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.ScanStage;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark behind {@code bench/bench-release} (not a test): what classifying costs in a scan of a
 * home whose Cursor runs N servers from an npx cache of N packages. Per run, on a fresh store: the
 * classes of every package from its fingerprint (done once, at first sight, inside the release
 * stage; timed here on its own; two packages in three have a class that needs an approval), then
 * the approval stage (each server's capabilities, the approval findings) in a first and a second
 * stored scan, beside the release stage of the same scans.
 *
 * <p>Usage: {@code CapabilityBench WORKDIR [PACKAGES] [RUNS]}
 */
public final class CapabilityBench {
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private CapabilityBench() {}

  /** A stage that adds up the wall and CPU time (of the thread applying it) of its applications. */
  private static final class Timed implements ScanStage {
    final ScanStage inner;
    long nanos;
    long cpuNanos;

    Timed(ScanStage inner) {
      this.inner = inner;
    }

    @Override
    public Inventory apply(Inventory inventory, ScanContext context) {
      long t = System.nanoTime();
      long c = THREADS.getCurrentThreadCpuTime();
      try {
        return inner.apply(inventory, context);
      } finally {
        nanos += System.nanoTime() - t;
        cpuNanos += THREADS.getCurrentThreadCpuTime() - c;
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]));
    int packages = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path home = work.resolve("home-cap-" + packages);
    if (!Files.exists(home)) {
      ReleaseBench.layOut(home, packages);
      // Two servers in three have a class that needs an approval (email-send, shell-exec).
      for (int i = 0; i < packages; i++) {
        Path dist = home.resolve(".npm/_npx/run" + i + "/node_modules/bench-mcp-" + i + "/dist");
        if (i % 3 == 0) {
          Files.writeString(
              dist.resolve("mail.js"),
              "const nodemailer = require(\"nodemailer\");\n"
                  + "module.exports = (o) => nodemailer.createTransport(o.smtp).sendMail(o.message);\n");
        } else if (i % 3 == 1) {
          Files.writeString(
              dist.resolve("run.js"),
              "const { execFile } = require(\"node:child_process\");\n"
                  + "module.exports = (cmd, args) => execFile(cmd, args);\n");
        }
      }
      StringBuilder cfg = new StringBuilder("{\"mcpServers\": {");
      for (int i = 0; i < packages; i++) {
        cfg.append(i == 0 ? "" : ",")
            .append("\"s")
            .append(i)
            .append("\": {\"command\": \"npx\", \"args\": [\"-y\", \"bench-mcp-")
            .append(i)
            .append("@1.0.")
            .append(i % 7)
            .append("\"]}");
      }
      Files.createDirectories(home.resolve(".cursor"));
      Files.writeString(home.resolve(".cursor/mcp.json"), cfg.append("}}").toString());
    }
    List<Fingerprint> prints = new ArrayList<>();
    for (int i = 0; i < packages; i++) {
      prints.add(
          new Fingerprinter()
              .ofDirectory(home.resolve(".npm/_npx/run" + i + "/node_modules/bench-mcp-" + i)));
    }
    ScanContext ctx = ScanContext.forHome(home, Os.LINUX).withHostProbes(false).withStore(true);
    for (int run = 1; run <= runs; run++) {
      long c = cpu();
      long t = System.nanoTime();
      int classes = 0;
      for (Fingerprint f : prints) {
        classes += Capabilities.of(f).size();
      }
      long ofPrints = System.nanoTime() - t;
      long ofPrintsCpu = cpu() - c;
      Path state = work.resolve("cap-state-" + run);
      deleteTree(state);
      long[] release = new long[2];
      long[] approval = new long[2];
      long[] approvalCpu = new long[2];
      int servers = 0;
      for (int scan = 0; scan < 2; scan++) {
        Timed r = new Timed(new ReleaseStage(state));
        Timed a =
            new Timed(new ApprovalStage(state, dev.daylight.agent.assess.RuleConfig.defaults()));
        Inventory inv = Scanner.standard().then(new InstalledStage()).then(r).then(a).scan(ctx);
        try (Store s = Store.open(state)) {
          s.record(inv);
        }
        release[scan] = r.nanos;
        approval[scan] = a.nanos;
        approvalCpu[scan] = a.cpuNanos;
        servers = (int) inv.servers().stream().filter(x -> x.capabilities() != null).count();
      }
      System.out.printf(
          "run %d: %d fingerprints classified in %.1f ms wall / %.0f ms CPU (%d classes); approval stage"
              + " (%d servers with capabilities) first scan %.1f ms wall / %.1f ms CPU, next scan %.1f ms wall / %.1f ms CPU;"
              + " release stage first %.0f ms, next %.1f ms (wall)%n",
          run,
          prints.size(),
          ofPrints / 1e6,
          ofPrintsCpu / 1e6,
          classes,
          servers,
          approval[0] / 1e6,
          approvalCpu[0] / 1e6,
          approval[1] / 1e6,
          approvalCpu[1] / 1e6,
          release[0] / 1e6,
          release[1] / 1e6);
    }
  }

  /** CPU time of the whole process (all threads, GC included), as ReleaseBench reports it. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }
}
