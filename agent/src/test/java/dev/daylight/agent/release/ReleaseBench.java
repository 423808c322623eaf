package dev.daylight.agent.release;

import dev.daylight.agent.fingerprint.Fingerprint;
import dev.daylight.agent.fingerprint.Fingerprinter;
import dev.daylight.agent.installed.InstalledScanner;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.SchemaVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Benchmark behind {@code bench/bench-release} (not a test: surefire runs only {@code *Test}). Lays
 * out a home whose npx cache holds N packages (20 code files of about 6 KB each), then times the
 * release stage on a fresh store (every package fingerprinted: the first scan), then again (nothing
 * new installed: what every later scan adds), then fingerprinting one package that is a single 20
 * MB minified bundle.
 *
 * <p>Usage: {@code ReleaseBench WORKDIR [PACKAGES] [RUNS]}
 */
public final class ReleaseBench {
  private ReleaseBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]));
    int packages = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path home = work.resolve("home-" + packages);
    if (!Files.exists(home)) {
      layOut(home, packages);
    }
    ScanContext ctx = ScanContext.forHome(home, Os.LINUX).withStore(true);
    InstalledScanner.Result installed = InstalledScanner.scan(ctx);
    Inventory inv =
        Inventory.builder()
            .schemaVersion(SchemaVersion.CURRENT)
            .scanId("bench")
            .startedAt(Instant.now())
            .host(new dev.daylight.protocol.Host(null, null, "linux", null, null, null, null))
            .packages(installed.packages())
            .build();
    for (int run = 1; run <= runs; run++) {
      Path state = work.resolve("state-" + run);
      deleteTree(state);
      ReleaseStage stage = new ReleaseStage(state);
      long c = cpu();
      long t = System.nanoTime();
      stage.apply(inv, ctx);
      long first = System.nanoTime() - t;
      long firstCpu = cpu() - c;
      c = cpu();
      t = System.nanoTime();
      stage.apply(inv, ctx);
      long again = System.nanoTime() - t;
      System.out.printf(
          "run %d: %d packages, first scan %.0f ms wall / %.0f ms CPU, nothing new %.1f ms wall / %.1f ms CPU%n",
          run,
          installed.packages().size(),
          first / 1e6,
          firstCpu / 1e6,
          again / 1e6,
          (cpu() - c) / 1e6);
    }
    Path bundle = work.resolve("bundle/package");
    if (!Files.exists(bundle)) {
      Files.createDirectories(bundle);
      Files.writeString(
          bundle.resolve("package.json"), "{\"name\":\"big-bundle\",\"version\":\"1.0.0\"}");
      Files.writeString(bundle.resolve("index.js"), minified(20 * 1024 * 1024));
    }
    for (int run = 1; run <= runs; run++) {
      long c = cpu();
      long t = System.nanoTime();
      Fingerprint f = new Fingerprinter().ofDirectory(bundle);
      System.out.printf(
          "run %d: 20 MB bundle fingerprinted in %.0f ms wall / %.0f ms CPU (%d indicators)%n",
          run, (System.nanoTime() - t) / 1e6, (cpu() - c) / 1e6, f.indicators().size());
    }
  }

  /**
   * CPU time of the whole process (all threads, GC included): on a crowded machine the honest
   * figure beside wall time.
   */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * The benchmark home: N npx runs, each one package of 20 code files; shared with CapabilityBench.
   */
  public static void layOut(Path home, int n) throws IOException {
    Random r = new Random(42);
    for (int i = 0; i < n; i++) {
      Path run = home.resolve(".npm/_npx/run" + i);
      String name = "bench-mcp-" + i;
      write(run.resolve("package.json"), "{\"dependencies\":{\"" + name + "\":\"^1.0.0\"}}");
      Path pkg = run.resolve("node_modules").resolve(name);
      write(
          pkg.resolve("package.json"),
          "{\"name\":\""
              + name
              + "\",\"version\":\"1.0."
              + (i % 7)
              + "\",\"dependencies\":{\"@modelcontextprotocol/sdk\":\"^1.0.0\",\"zod\":\"^3.0.0\"}}");
      write(pkg.resolve("README.md"), "# " + name + "\n\nAn MCP server.\n".repeat(40));
      for (int f = 0; f < 20; f++) {
        write(pkg.resolve("dist/module" + f + ".js"), module(r, i, f));
      }
    }
  }

  private static String module(Random r, int i, int f) {
    StringBuilder b =
        new StringBuilder("import { z } from \"zod\";\nimport fs from \"node:fs\";\n");
    while (b.length() < 6000) {
      int k = r.nextInt(1000);
      b.append("export async function handler")
          .append(k)
          .append("(args) {\n")
          .append("  const url = `https://api.service")
          .append(i % 13)
          .append(".com/v1/items/${args.id}`;\n")
          .append(
              "  const res = await fetch(url, { headers: { 'content-type': 'application/json' } });\n")
          .append("  if (!res.ok) throw new Error(\"request failed: \" + res.status);\n")
          .append("  const data = await res.json(); // parse\n")
          .append("  return { content: [{ type: 'text', text: JSON.stringify(data).slice(0, ")
          .append(k)
          .append(") }] };\n")
          .append("}\n");
    }
    return b.toString();
  }

  static String minified(int size) {
    StringBuilder b = new StringBuilder(size + 1024);
    Random r = new Random(7);
    b.append("var o=require(\"child_process\"),h=require(\"https\");");
    while (b.length() < size) {
      int k = r.nextInt(100000);
      b.append("function a")
          .append(k)
          .append("(e,t){var n=e[\"k")
          .append(k % 97)
          .append("\"]||\"https://cdn")
          .append(k % 31)
          .append(
              ".assets-host.net/p/\"+t;return fetch(n).then(function(r){return r.json()})"
                  + ".catch(function(x){console.error(\"failed \"+x.message)})}var s")
          .append(k)
          .append("=/[\"'](\\d+)/g,u")
          .append(k)
          .append("=[1,2,3].map(function(v){return v*")
          .append(k % 9)
          .append("});");
    }
    return b.toString();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
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
