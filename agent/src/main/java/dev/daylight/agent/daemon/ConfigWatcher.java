package dev.daylight.agent.daemon;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches config locations that may not exist yet. For each target it watches the nearest existing
 * folder on its path, so creating {@code ~/.cursor} and then {@code ~/.cursor/mcp.json} is seen
 * step by step: each creation of a missing parent moves the watch one level deeper. Only events on
 * a path that is, or leads to, a target count as a change.
 */
final class ConfigWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

  private final WatchService service;
  private final Consumer<Path> onChange;
  private final Map<Path, WatchKey> keys = new HashMap<>();
  private volatile Set<Path> targets = Set.of();

  ConfigWatcher(Consumer<Path> onChange) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.onChange = onChange;
  }

  /** Replaces the watched targets (absolute paths of config files or folders). */
  synchronized void watch(Set<Path> newTargets) {
    Set<Path> normalized = new HashSet<>();
    for (Path t : newTargets) {
      normalized.add(t.toAbsolutePath().normalize());
    }
    targets = Set.copyOf(normalized);
    register();
  }

  /** Folders currently registered, for diagnostics and tests. */
  synchronized Set<Path> watchedFolders() {
    return Set.copyOf(keys.keySet());
  }

  private void register() {
    Set<Path> wanted = new HashSet<>();
    for (Path t : targets) {
      if (Files.isDirectory(t)) {
        wanted.add(t);
      }
      Path dir = t.getParent();
      while (dir != null && !Files.isDirectory(dir)) {
        dir = dir.getParent();
      }
      if (dir != null) {
        wanted.add(dir);
      }
    }
    keys.entrySet()
        .removeIf(
            e -> {
              boolean drop = !wanted.contains(e.getKey()) || !e.getValue().isValid();
              if (drop) {
                e.getValue().cancel();
              }
              return drop;
            });
    for (Path dir : wanted) {
      if (!keys.containsKey(dir)) {
        try {
          keys.put(
              dir,
              dir.register(
                  service,
                  StandardWatchEventKinds.ENTRY_CREATE,
                  StandardWatchEventKinds.ENTRY_MODIFY,
                  StandardWatchEventKinds.ENTRY_DELETE));
        } catch (IOException | RuntimeException e) {
          log.warn("cannot watch {}: {}", dir, e.toString());
        }
      }
    }
  }

  /** Blocks, dispatching changes, until {@link #close} is called. */
  void run() {
    while (true) {
      WatchKey key;
      try {
        key = service.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ClosedWatchServiceException e) {
        return;
      }
      Path dir = (Path) key.watchable();
      Path changed = null;
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
          changed = dir;
        } else if (event.context() instanceof Path name) {
          Path full = dir.resolve(name);
          if (relevant(dir, full)) {
            changed = full;
          }
        }
      }
      key.reset();
      if (changed != null) {
        synchronized (this) {
          register(); // a missing parent may exist now, or a folder may be gone
        }
        log.debug("config location changed: {}", changed);
        onChange.accept(changed);
      }
    }
  }

  private boolean relevant(Path dir, Path full) {
    for (Path t : targets) {
      if (t.equals(dir) || t.startsWith(full)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
