package dev.daylight.agent.apps;

import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects evidence per app id from several sources, then yields one {@link Client} per app. */
final class Sightings {
  private final Map<String, Builder> byId = new LinkedHashMap<>();

  void add(String id, String name, String kind, String version, Evidence evidence) {
    Builder b = byId.computeIfAbsent(id, k -> new Builder(id, name, kind));
    if (b.version == null && version != null && !version.isBlank()) {
      b.version = version;
    }
    if (!b.evidence.contains(evidence)) {
      b.evidence.add(evidence);
    }
  }

  List<Client> clients(String osUser) {
    return byId.values().stream()
        .map(b -> new Client(b.id, b.name, b.kind, b.version, b.evidence, osUser))
        .toList();
  }

  private static final class Builder {
    final String id;
    final String name;
    final String kind;
    String version;
    final List<Evidence> evidence = new ArrayList<>();

    Builder(String id, String name, String kind) {
      this.id = id;
      this.name = name;
      this.kind = kind;
    }
  }
}
