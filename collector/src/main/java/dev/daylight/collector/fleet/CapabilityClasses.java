package dev.daylight.collector.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.ApiException;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The capability class ids the collector accepts, from the console's own data file (the collector
 * never loads the agent; an e2e test keeps both lists equal). A request naming another id is a 400,
 * so a typo never becomes a decision or a query that silently matches nothing.
 */
public final class CapabilityClasses {
  private static final List<String> IDS = load();

  private CapabilityClasses() {}

  public static List<String> ids() {
    return IDS;
  }

  /** The id itself when known; otherwise a 400 naming {@code what} and the accepted ids. */
  public static String require(String id, String what) {
    if (id == null || !IDS.contains(id.trim())) {
      // The id itself is not echoed: refusals are logged, and their words are our own.
      throw ApiException.badRequest(
          what + ": not a capability class; one of " + String.join(", ", IDS));
    }
    return id.trim();
  }

  private static List<String> load() {
    try (InputStream in =
        CapabilityClasses.class.getResourceAsStream("/dashboard/capabilities.json")) {
      if (in == null) {
        throw new IllegalStateException("missing resource /dashboard/capabilities.json");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode c : Json.mapper().readTree(in).get("classes")) {
        out.add(c.get("class").asText());
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
