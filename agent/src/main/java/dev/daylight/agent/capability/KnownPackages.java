package dev.daylight.agent.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Daylight's list of well-known MCP server packages and their classes ({@code
 * known-packages.json}): the last resort for a package whose code was not read.
 */
public final class KnownPackages {
  private static final Map<String, List<String>> PACKAGES = load();

  private KnownPackages() {}

  /**
   * The listed classes of {@code purl} (any version; evidence kind {@code known-package}), or
   * empty.
   */
  public static Optional<List<Capability>> of(String purl) {
    String base = Purls.base(purl);
    List<String> classes = PACKAGES.get(base);
    if (classes == null) {
      return Optional.empty();
    }
    List<Capability> out = new ArrayList<>();
    for (String cls : classes) {
      out.add(
          new Capability(
              cls,
              new Evidence(
                  "known-package", null, null, base + " in Daylight's known-packages list")));
    }
    return Optional.of(out);
  }

  private static Map<String, List<String>> load() {
    try (InputStream in = KnownPackages.class.getResourceAsStream("known-packages.json")) {
      if (in == null) {
        throw new IllegalStateException("known-packages.json is missing");
      }
      Map<String, List<String>> out = new HashMap<>();
      for (JsonNode n : JsonTrees.read(in).path("packages")) {
        String purl = n.path("purl").asText();
        out.put(Purls.base(purl), Known.classes(n, "known-packages.json " + purl));
      }
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
