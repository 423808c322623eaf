package dev.daylight.agent.discovery;

import dev.daylight.agent.catalog.Catalog.Format;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads each file once per scan, however many clients and registries look at it. */
final class DocumentCache {
  private record Key(Path path, Format format) {}

  private final Map<Key, Documents.Outcome> outcomes = new HashMap<>();

  Documents.Outcome load(Path path, Format format) {
    return outcomes.computeIfAbsent(new Key(path, format), k -> Documents.load(k.path(), k.format()));
  }

  Optional<Doc> parsed(Path path, Format format) {
    return load(path, format) instanceof Documents.Parsed p ? Optional.of(p.doc()) : Optional.empty();
  }
}
