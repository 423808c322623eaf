package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog.Format;
import dev.daylight.agent.platform.FileAccess;
import dev.daylight.protocol.ScanError;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads each file once per scan, however many clients and registries look at it. */
final class DocumentCache {
  /**
   * Written out rather than generated: a record's own equals and hashCode are bootstrapped through
   * method handles on first use (ObjectMethods), at the start of every scan.
   */
  private record Key(Path path, Format format) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.path.equals(path) && k.format == format;
    }

    @Override
    public int hashCode() {
      return path.hashCode() * 31 + format.hashCode();
    }
  }

  private final Map<Key, Documents.Outcome> outcomes = new HashMap<>();
  private final FileAccess access;

  DocumentCache(FileAccess access) {
    this.access = access;
  }

  Documents.Outcome load(Path path, Format format) {
    return outcomes.computeIfAbsent(
        new Key(path, format), k -> Documents.load(access, k.path(), k.format()));
  }

  Optional<Doc> parsed(Path path, Format format) {
    return load(path, format) instanceof Documents.Parsed p
        ? Optional.of(p.doc())
        : Optional.empty();
  }

  /**
   * A settings file's root object. Empty when the file is absent or holds nothing; a file that
   * cannot be read, or whose root is not an object, is also reported to {@code errors}.
   */
  Optional<JsonNode> settingsObject(Path path, Format format, Consumer<ScanError> errors) {
    Documents.Outcome outcome = load(path, format);
    if (outcome instanceof Documents.Failed f) {
      errors.accept(new ScanError(path.toString(), f.reason()));
      return Optional.empty();
    }
    if (!(outcome instanceof Documents.Parsed p) || p.doc().root() == null) {
      return Optional.empty();
    }
    if (!p.doc().root().isObject()) {
      errors.accept(new ScanError(path.toString(), "settings file is not an object"));
      return Optional.empty();
    }
    return Optional.of(p.doc().root());
  }
}
