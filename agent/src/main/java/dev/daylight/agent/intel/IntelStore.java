package dev.daylight.agent.intel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Intel imported for later scans, kept as one compact file in Daylight's state folder. Scans
 * read it after the bundled snapshot, so newer imported copies of a record win.
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

  /** Merges the records under {@code source} into the store and returns what was read. */
  public LoadReport importFrom(Path source) throws IOException {
    Intel.Builder merged = Intel.builder();
    addTo(merged);
    LoadReport report = merged.add(source);
    merged.build().writeCompact(file);
    return report;
  }
}
