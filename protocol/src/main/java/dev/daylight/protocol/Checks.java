package dev.daylight.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

final class Checks {
  private Checks() {}

  static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }

  /**
   * An unmodifiable copy in the order given. Not {@code Map.copyOf}: its order changes from one JVM
   * to the next, so two scans of the same files printed their fingerprints differently.
   */
  static <K, V> Map<K, V> map(Map<K, V> value) {
    if (value == null || value.isEmpty()) {
      return Map.of();
    }
    Map<K, V> copy = new LinkedHashMap<>();
    for (Map.Entry<K, V> e : value.entrySet()) {
      copy.put(
          Objects.requireNonNull(e.getKey(), "map key"),
          Objects.requireNonNull(e.getValue(), "map value"));
    }
    return Collections.unmodifiableMap(copy);
  }
}
