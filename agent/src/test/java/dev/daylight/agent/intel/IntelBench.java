package dev.daylight.agent.intel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Benchmark behind {@code bench/bench-intel} (not a test: surefire runs only {@code *Test}).
 * Generates an OSV export zip of N MAL-style records shaped like the real ones (mostly {@code
 * introduced: "0"}, some SEMVER ranges, some version lists, a few withdrawn, npm and PyPI), then
 * times, per run: loading the zip, writing the compact snapshot, loading the compact snapshot, and
 * a million lookups with versions. The zip is loaded once (an import is a one-off); the compact
 * load and the lookups, which every scan pays, once per run, with the retained heap.
 *
 * <p>Usage: {@code IntelBench WORKDIR [RECORDS] [RUNS]}
 */
public final class IntelBench {
  private IntelBench() {}

  public static void main(String[] args) throws IOException {
    Path work = Files.createDirectories(Path.of(args[0]));
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path zip = work.resolve("all-" + records + ".zip");
    if (!Files.exists(zip)) {
      long t = System.nanoTime();
      generate(zip, records);
      System.out.printf(
          "generated %s (%d records, %.1f MB) in %.1f s%n",
          zip.getFileName(), records, Files.size(zip) / 1e6, (System.nanoTime() - t) / 1e9);
    }
    Path compact = work.resolve("snapshot-" + records + ".tsv.gz");
    long t0 = System.nanoTime();
    Intel.Builder b = Intel.builder();
    LoadReport r = b.add(zip);
    Intel fromZip = b.build();
    long t1 = System.nanoTime();
    fromZip.writeCompact(compact);
    long t2 = System.nanoTime();
    System.out.printf(
        "zip load %.1f s (%d records, %d withdrawn) | write compact %.1f s (%.1f MB)%n",
        sec(t1 - t0), r.records(), r.withdrawn(), sec(t2 - t1), Files.size(compact) / 1e6);
    fromZip = null;
    for (int run = 1; run <= runs; run++) {
      long t3 = System.nanoTime();
      Intel.Builder c = Intel.builder().addBundled();
      c.add(compact);
      Intel intel = c.build();
      long t4 = System.nanoTime();
      int hits = lookups(intel, records, 1_000_000);
      long t5 = System.nanoTime();
      System.gc();
      long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
      System.out.printf(
          "run %d: compact load %.3f s (%d lines) | 1M lookups %.3f s (%d hits) | heap after GC %.0f MB%n",
          run, sec(t4 - t3), intel.size(), sec(t5 - t4), hits, heap / 1e6);
      if (intel.match("npm", "postmark-mcp", "1.0.16").isEmpty()) {
        throw new IllegalStateException("the bundled record must still match");
      }
    }
  }

  private static double sec(long nanos) {
    return nanos / 1e9;
  }

  private static int lookups(Intel intel, int records, int count) {
    Random rnd = new Random(42);
    int hits = 0;
    for (int i = 0; i < count; i++) {
      int n = rnd.nextInt(records * 2); // half of the names are not in the index
      String eco = n % 5 == 0 ? "PyPI" : "npm";
      hits += intel.match(eco, name(n), "1." + (n % 7) + ".0").size();
    }
    return hits;
  }

  static String name(int n) {
    return switch (n % 5) {
      case 0 -> "Py_Pkg." + n;
      case 1 -> "@scope" + (n % 997) + "/mcp-tool-" + n;
      default -> "package-" + n + "-mcp";
    };
  }

  private static void generate(Path zip, int records) throws IOException {
    Random rnd = new Random(7);
    try (OutputStream raw = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(raw, 1 << 20))) {
      out.setLevel(1);
      for (int i = 0; i < records; i++) {
        String eco = i % 5 == 0 ? "PyPI" : "npm";
        String affected;
        int shape = rnd.nextInt(10);
        if (shape < 7) {
          affected =
              "\"ranges\":[{\"type\":\""
                  + (eco.equals("npm") ? "SEMVER" : "ECOSYSTEM")
                  + "\",\"events\":[{\"introduced\":\"0\"}]}]";
        } else if (shape < 9) {
          affected =
              "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"1.2.0\"},{\"fixed\":\"1.5.0\"}]}]";
        } else {
          affected = "\"versions\":[\"1.0.0\",\"1.1.0\",\"1.3.0\"]";
        }
        String withdrawn = i % 100 == 99 ? ",\"withdrawn\":\"2025-06-01T00:00:00Z\"" : "";
        String json =
            "{\"modified\":\"2025-09-26T04:14:45Z\",\"published\":\"2025-09-26T04:14:45Z\","
                + "\"schema_version\":\"1.7.4\",\"id\":\"MAL-2025-"
                + i
                + "\""
                + withdrawn
                + ",\"summary\":\"Malicious code in "
                + name(i)
                + " ("
                + eco
                + ")\","
                + "\"details\":\"\\n---\\n_-= Per source details. Do not edit below this line.=-_\\n\\n"
                + "## Source: ossf-package-analysis\\nThe package exfiltrates environment variables on install.\\n\","
                + "\"affected\":[{\"package\":{\"ecosystem\":\""
                + eco
                + "\",\"name\":\""
                + name(i)
                + "\"},"
                + affected
                + "}],"
                + "\"references\":[{\"type\":\"WEB\",\"url\":\"https://example.invalid/"
                + i
                + "\"}],"
                + "\"database_specific\":{\"malicious-packages-origins\":[{\"source\":\"ossf-package-analysis\","
                + "\"sha256\":\""
                + Long.toHexString(rnd.nextLong())
                + Long.toHexString(rnd.nextLong())
                + "\","
                + "\"import_time\":\"2025-09-26T04:16:01Z\"}]}}";
        out.putNextEntry(new ZipEntry(eco + "/MAL-2025-" + i + ".json"));
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }
}
