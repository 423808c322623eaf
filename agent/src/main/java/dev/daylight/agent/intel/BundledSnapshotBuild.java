package dev.daylight.agent.intel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Build step that makes the snapshot shipped in the agent's jar: compiles the committed source data
 * ({@code agent/src/intel}: compact {@code *.tsv.gz} files made by {@code scripts/intel-snapshot}
 * from a full malicious-packages checkout, plus verbatim OSV records under {@code osv/}) the same
 * way {@code daylight intel compile} does, and writes beside it the properties {@code intel status}
 * shows: where the data came from, its licence, its date (the newest record's {@code modified}) and
 * its counts. Run by Maven in {@code process-classes}.
 */
public final class BundledSnapshotBuild {
  private BundledSnapshotBuild() {}

  /**
   * @param args source directory, output directory (the intel package under target/classes)
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: BundledSnapshotBuild SOURCE_DIR OUT_DIR");
    }
    Path source = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Intel.Builder b = Intel.builder();
    int records = 0;
    List<Path> compact;
    try (Stream<Path> files = Files.list(source)) {
      compact = files.filter(p -> p.getFileName().toString().endsWith(".tsv.gz")).sorted().toList();
    }
    for (Path p : compact) {
      records += check(p, b.add(p));
    }
    Path osv = source.resolve("osv");
    if (Files.isDirectory(osv)) {
      records += check(osv, b.add(osv));
    }
    Path snapshot = out.resolve(Intel.BUNDLED + ".gz");
    b.build().writeCompact(snapshot);
    Properties meta = new Properties();
    try (var in =
        Files.newBufferedReader(source.resolve("SOURCE.properties"), StandardCharsets.UTF_8)) {
      meta.load(in);
    }
    describe(snapshot, meta);
    meta.setProperty("sourceRecords", Integer.toString(records));
    meta.setProperty("bytes", Long.toString(Files.size(snapshot)));
    try (Writer w =
        Files.newBufferedWriter(out.resolve(BundledInfo.FILE), StandardCharsets.UTF_8)) {
      meta.store(w, "made by BundledSnapshotBuild from the committed intel source data");
    }
  }

  private static int check(Path p, LoadReport r) {
    if (!r.errors().isEmpty()) {
      throw new IllegalStateException(
          p + ": " + r.errors().size() + " unreadable records, first: " + r.errors().get(0));
    }
    return r.records();
  }

  /** Counts lines per ecosystem and withdrawn tombstones, and finds the newest record date. */
  static void describe(Path snapshot, Properties meta) throws IOException {
    TreeMap<String, Integer> perEcosystem = new TreeMap<>();
    int lines = 0;
    int withdrawn = 0;
    String newest = "";
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(OsvSources.compactStream(snapshot), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        CompactFormat.Entry e = CompactFormat.decode(line);
        lines++;
        withdrawn += e.withdrawn() ? 1 : 0;
        perEcosystem.merge(e.ecosystem(), 1, Integer::sum);
        String modified = e.advisory().modified();
        newest = modified.compareTo(newest) > 0 ? modified : newest;
      }
    }
    meta.setProperty("lines", Integer.toString(lines));
    meta.setProperty("withdrawn", Integer.toString(withdrawn));
    perEcosystem.forEach((eco, n) -> meta.setProperty("lines." + eco, Integer.toString(n)));
    // SOURCE.properties may name the date the bulk data is complete to; a few newer verbatim
    // records beside an older bulk must not make the whole look newer than it is.
    if (meta.getProperty("dataDate", "").isBlank()) {
      meta.setProperty("dataDate", newest);
    }
  }
}
