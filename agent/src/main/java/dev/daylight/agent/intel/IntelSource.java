package dev.daylight.agent.intel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intel a scan uses: bundled snapshot, then the state folder's imports (from {@code intel
 * import} or the collector's policy), then per-run extras. Rebuilt only when the imports change, so
 * a daemon scanning every hour picks up new records without reloading each time.
 */
public final class IntelSource implements Supplier<Intel> {
  private static final Logger LOG = LoggerFactory.getLogger(IntelSource.class);
  private final IntelStore store;
  private final List<Path> extras;
  private Optional<FileTime> loadedAt;
  private Intel current;

  /**
   * Reads nothing yet: the first {@link #get} loads, which for a scan is the assessor's {@code
   * prepare} on the stages thread, so the snapshot is read while discovery runs.
   */
  public IntelSource(Path stateDir, List<Path> extras) {
    this.store = new IntelStore(stateDir);
    this.extras = List.copyOf(extras);
  }

  @Override
  public synchronized Intel get() {
    if (current == null || !store.lastModified().equals(loadedAt)) {
      try {
        reload();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return current;
  }

  private void reload() throws IOException {
    loadedAt = store.lastModified();
    Intel.Builder b = Intel.builder().addBundled();
    store.addTo(b);
    for (Path p : extras) {
      LoadReport r = b.add(p);
      r.errors().forEach(e -> LOG.warn("intel {}: skipped {}", p, e));
    }
    current = b.build();
    LOG.info("intel loaded: {} lines", current.size());
  }
}
