package dev.daylight.ui.tray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finding ids already announced, kept in a small file so a restart of the tray does not
 * announce them again: at most one notification per finding, ever.
 */
public final class NotifiedLedger {
  private static final Logger LOG = LoggerFactory.getLogger(NotifiedLedger.class);

  private final Path file;
  private final Set<String> ids = new LinkedHashSet<>();

  private NotifiedLedger(Path file) {
    this.file = file;
  }

  /** A ledger backed by {@code file}; a missing or unreadable file starts empty. */
  public static NotifiedLedger at(Path file) {
    NotifiedLedger ledger = new NotifiedLedger(file);
    if (file != null && Files.isRegularFile(file)) {
      try {
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .forEach(ledger.ids::add);
      } catch (IOException e) {
        LOG.warn("Could not read {}; notifications may repeat", file, e);
      }
    }
    return ledger;
  }

  /** A ledger that forgets on exit. */
  public static NotifiedLedger inMemory() {
    return new NotifiedLedger(null);
  }

  synchronized boolean contains(String findingId) {
    return ids.contains(findingId);
  }

  /** Records the ids; returns nothing because a failed write only risks one repeated message. */
  synchronized void addAll(Set<String> findingIds) {
    if (!ids.addAll(findingIds) || file == null) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, ids, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("Could not write {}", file, e);
    }
  }
}
