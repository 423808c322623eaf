package dev.daylight.agent.intel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads OSV records from what {@code --intel PATH} and {@code intel import PATH} accept: a
 * directory of OSV JSON files (searched recursively), an OSV export zip (one record per {@code
 * *.json} entry), a single OSV JSON file, or a Daylight compact file.
 */
final class OsvSources {
  private static final Logger LOG = LoggerFactory.getLogger(OsvSources.class);
  private static final ObjectReader READER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build()
          .readerFor(OsvRecord.class);

  private OsvSources() {}

  /** Feeds every record found under {@code path} to the builder. */
  static LoadReport load(Path path, CompactIndex.Builder into) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException("no such file or directory: " + path);
    }
    Counter counter = new Counter(into);
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.walk(path)) {
        // An npm package may be named like a file ("pattern.json"): its folder is no record.
        List<Path> records =
            files
                .filter(p -> p.toString().endsWith(".json"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
        for (Path f : records) {
          try (InputStream in = Files.newInputStream(f)) {
            counter.accept(f.toString(), in);
          }
        }
      }
    } else if (isCompact(path)) {
      int before = into.lines();
      into.reserve(uncompressedSize(path));
      try (InputStream in = compactStream(path)) {
        into.addCompact(in);
      }
      return new LoadReport(into.lines() - before, 0, List.of());
    } else if (path.toString().endsWith(".zip")) {
      try (ZipFile zip = new ZipFile(path.toFile())) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          if (!e.isDirectory() && e.getName().endsWith(".json")) {
            try (InputStream in = zip.getInputStream(e)) {
              counter.accept(path + "!" + e.getName(), in);
            }
          }
        }
      }
    } else {
      try (InputStream in = Files.newInputStream(path)) {
        counter.accept(path.toString(), in);
      }
    }
    return counter.report();
  }

  static LoadReport loadTrees(
      List<com.fasterxml.jackson.databind.JsonNode> records, CompactIndex.Builder into) {
    Counter counter = new Counter(into);
    for (int i = 0; i < records.size(); i++) {
      com.fasterxml.jackson.databind.JsonNode tree = records.get(i);
      counter.accept("record " + i, () -> READER.readValue(tree.traverse()));
    }
    return counter.report();
  }

  static boolean isCompact(Path path) throws IOException {
    String name = path.getFileName().toString();
    if (!name.endsWith(".tsv") && !name.endsWith(".tsv.gz")) {
      return false;
    }
    try (InputStream in = compactStream(path)) {
      byte[] head = in.readNBytes(CompactFormat.HEADER.length());
      return new String(head, java.nio.charset.StandardCharsets.UTF_8).equals(CompactFormat.HEADER);
    }
  }

  /** A gzip file's own record of its uncompressed size (mod 4 GiB), or the file size. */
  static long uncompressedSize(Path path) throws IOException {
    long size = Files.size(path);
    if (!path.toString().endsWith(".gz") || size < 4) {
      return size;
    }
    try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(path)) {
      java.nio.ByteBuffer b =
          java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      ch.position(size - 4);
      ch.read(b);
      return Integer.toUnsignedLong(b.getInt(0));
    }
  }

  static InputStream compactStream(Path path) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    return path.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  /** Parses one OSV JSON document. */
  static OsvRecord parse(InputStream in) throws IOException {
    return READER.readValue(in);
  }

  @FunctionalInterface
  private interface Parse {
    OsvRecord record() throws IOException;
  }

  private static final class Counter {
    private final CompactIndex.Builder into;
    private final List<String> errors = new ArrayList<>();
    private int records;
    private int withdrawn;

    Counter(CompactIndex.Builder into) {
      this.into = into;
    }

    void accept(String where, InputStream in) {
      accept(where, () -> parse(in));
    }

    void accept(String where, Parse parse) {
      try {
        OsvRecord r = parse.record();
        if (r.id() == null) {
          errors.add(where + ": not an OSV record (no id)");
          return;
        }
        records++;
        if (r.isWithdrawn()) {
          withdrawn++;
        }
        // Withdrawn records become tombstones: they match nothing and hide older copies.
        CompactFormat.encode(r).forEach(into::addLine);
      } catch (IOException | RuntimeException e) {
        LOG.warn("skipping unreadable OSV record {}: {}", where, e.getMessage());
        errors.add(where + ": " + e.getMessage());
      }
    }

    LoadReport report() {
      return new LoadReport(records, withdrawn, List.copyOf(errors));
    }
  }
}
