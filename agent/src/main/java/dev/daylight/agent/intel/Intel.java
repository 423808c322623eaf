package dev.daylight.agent.intel;

import dev.daylight.identity.VersionOrder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Offline package intel: the bundled OSV snapshot plus any imported or per-scan records, looked up
 * by (ecosystem, normalised name) in constant time. Immutable once built; thread-safe.
 */
public final class Intel {
  /** Bundled snapshot name; the build ships it as a {@code .tsv.gz}. */
  static final String BUNDLED = "osv-snapshot.tsv";

  private final CompactIndex index;

  private Intel(CompactIndex index) {
    this.index = index;
  }

  static Intel of(CompactIndex index) {
    return new Intel(index);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The bundled snapshot alone. */
  public static Intel bundled() {
    return builder().addBundled().build();
  }

  /** Number of indexed (record, package) lines, tombstones included. */
  public int size() {
    return index.size();
  }

  /**
   * Advisories covering a package. With a version, only those that affect it ({@code exact});
   * without one, every advisory with any affected version ({@code exact == false}). Of several
   * copies of one advisory the newest wins, and a withdrawn newest copy hides it.
   */
  public List<IntelMatch> match(String ecosystem, String name, String version) {
    String eco = Ecosystems.canonical(ecosystem);
    List<String> lines = index.lookup(eco, Ecosystems.normaliseName(eco, name));
    if (lines.isEmpty()) {
      return List.of();
    }
    Map<String, List<CompactFormat.Entry>> byId = new LinkedHashMap<>();
    for (String line : lines) {
      CompactFormat.Entry e = CompactFormat.decode(line);
      byId.computeIfAbsent(e.advisory().id(), k -> new ArrayList<>()).add(e);
    }
    VersionOrder order = VersionOrder.forEcosystem(eco);
    List<IntelMatch> out = new ArrayList<>();
    for (List<CompactFormat.Entry> copies : byId.values()) {
      String newest =
          copies.stream()
              .map(e -> e.advisory().modified())
              .max(Comparator.naturalOrder())
              .orElse("");
      List<CompactFormat.Entry> current =
          copies.stream().filter(e -> e.advisory().modified().equals(newest)).toList();
      if (current.stream().anyMatch(CompactFormat.Entry::withdrawn)) {
        continue;
      }
      boolean hit =
          version == null || version.isBlank()
              ? current.stream().anyMatch(e -> e.spec().anyAffected())
              : current.stream().anyMatch(e -> e.spec().affects(version, order));
      if (hit) {
        boolean exact = version != null && !version.isBlank();
        String fixed =
            exact
                ? current.stream()
                    .map(e -> e.spec().fixedAbove(version, order))
                    .filter(java.util.Objects::nonNull)
                    .min(order)
                    .orElse(null)
                : null;
        out.add(
            new IntelMatch(
                current.get(0).advisory(), eco, name, exact ? version : null, exact, fixed));
      }
    }
    out.sort(Comparator.comparing(m -> m.advisory().id()));
    return out;
  }

  /**
   * Writes every line as a compact file (gzip-compressed when the name ends in {@code .gz}),
   * dropping duplicate lines. This is also how a full OSV export becomes a bundled snapshot.
   */
  public void writeCompact(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    OutputStream raw = Files.newOutputStream(tmp);
    try (OutputStream out =
        target.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw) {
      out.write((CompactFormat.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
      index.writeLines(new DedupingLines(out));
    }
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Collects sources; a failing source throws, a bad entry inside one is only reported. */
  public static final class Builder {
    private final CompactIndex.Builder lines = new CompactIndex.Builder();

    private Builder() {}

    /**
     * The snapshot bundled in the jar: {@code osv-snapshot.tsv.gz}, made in the build from the
     * committed source data (see {@link BundledSnapshotBuild}); a plain {@code .tsv} where no
     * {@code .gz} is shipped.
     */
    public Builder addBundled() {
      URL gz = Intel.class.getResource(BUNDLED + ".gz");
      if (gz != null) {
        try (InputStream in = new GZIPInputStream(gz.openStream(), 1 << 16)) {
          lines.addCompact(in);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return this;
      }
      URL plain = Intel.class.getResource(BUNDLED);
      if (plain == null) {
        throw new IllegalStateException("bundled intel snapshot missing from the jar");
      }
      return addSnapshotAt(plain);
    }

    /**
     * The compact snapshot at {@code plain}, or the {@code .gz} of the same name beside it, which
     * takes precedence. The {@code .gz} is looked for there rather than on the class path: asking
     * the class path for a name it lacks opens every jar on it, on each scan's start.
     */
    Builder addSnapshotAt(URL plain) {
      try (InputStream gz = openIfPresent(new URL(plain, BUNDLED + ".gz"))) {
        if (gz != null) {
          try (InputStream in = new GZIPInputStream(gz)) {
            lines.addCompact(in);
          }
        } else {
          try (InputStream in = plain.openStream()) {
            lines.addCompact(in);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    private static InputStream openIfPresent(URL url) throws IOException {
      try {
        return url.openStream();
      } catch (FileNotFoundException e) {
        return null;
      }
    }

    /** Adds a directory of OSV JSON, an OSV zip, one OSV JSON file, or a compact file. */
    public LoadReport add(Path path) throws IOException {
      return OsvSources.load(path, lines);
    }

    /** Adds OSV records already parsed as JSON trees; unreadable ones are reported. */
    public LoadReport addRecords(List<com.fasterxml.jackson.databind.JsonNode> records) {
      return OsvSources.loadTrees(records, lines);
    }

    public Intel build() {
      return new Intel(lines.build());
    }
  }
}
