package dev.daylight.agent.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

/**
 * Intel imported for later scans, kept as one compact file in Daylight's state folder. Scans read
 * it after the bundled snapshot, so newer imported copies of a record win.
 */
public final class IntelStore {
  private final Path file;

  public IntelStore(Path stateDir) {
    this.file = stateDir.resolve("intel").resolve("imported.tsv.gz");
  }

  public Path file() {
    return file;
  }

  /** Adds the stored imports, when there are any, to a builder. */
  public void addTo(Intel.Builder builder) throws IOException {
    if (Files.isRegularFile(file)) {
      builder.add(file);
    }
  }

  /**
   * When the store last changed, so a long-running agent can reload; empty when nothing is stored.
   */
  public Optional<FileTime> lastModified() {
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.getLastModifiedTime(file))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Merges OSV records that arrived as JSON (the collector's policy {@code intel}) into the store.
   */
  public LoadReport importRecords(List<JsonNode> records) throws IOException {
    Intel.Builder merged = Intel.builder();
    addTo(merged);
    LoadReport report = merged.addRecords(records);
    merged.build().writeCompact(file);
    return report;
  }

  /** Merges the records under {@code source} into the store and returns what was read. */
  public LoadReport importFrom(Path source) throws IOException {
    Intel.Builder merged = Intel.builder();
    addTo(merged);
    LoadReport report = merged.add(source);
    merged.build().writeCompact(file);
    return report;
  }
}
