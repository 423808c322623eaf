package dev.daylight.agent.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The clients whose hooks Daylight can install: data in {@code hook-targets.json}. */
final class HookTargets {
  private HookTargets() {}

  static List<HookTarget> load() {
    try (InputStream in = HookTargets.class.getResourceAsStream("hook-targets.json")) {
      if (in == null) {
        throw new IllegalStateException("hook-targets.json missing from the agent jar");
      }
      return parse(Json.mapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<HookTarget> parse(JsonNode root) {
    List<HookTarget> out = new ArrayList<>();
    for (JsonNode t : root.path("targets")) {
      Map<Os, String> managed = new EnumMap<>(Os.class);
      t.path("managed")
          .fields()
          .forEachRemaining(e -> managed.put(Os.parse(e.getKey()), e.getValue().asText()));
      out.add(
          new HookTarget(
              t.path("client").asText(),
              HookTarget.Shape.valueOf(t.path("shape").asText().toUpperCase(Locale.ROOT)),
              t.path("event").asText(),
              t.hasNonNull("matcher") ? t.get("matcher").asText() : null,
              object(t.get("hook")),
              t.path("commandKey").asText("command"),
              object(t.get("fileFields")),
              t.path("user").asText(),
              t.hasNonNull("usedIf") ? t.get("usedIf").asText() : null,
              Map.copyOf(managed)));
    }
    return List.copyOf(out);
  }

  private static ObjectNode object(JsonNode n) {
    return n instanceof ObjectNode o ? o : Json.mapper().createObjectNode();
  }
}
