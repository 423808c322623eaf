package dev.daylight.agent.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;

/**
 * Adds or removes Daylight's entry in a client's hook settings, keeping every other key and hook
 * in place and in order. Pure text to text: the caller reads and writes the file. Daylight's
 * entry is the one whose command names {@value #MARKER}.
 */
final class SettingsEdit {
  static final String MARKER = "daylight-guard";
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private SettingsEdit() {}

  /** Thrown when the file is not a JSON object Daylight can add to; the file is left as it was. */
  static final class Unusable extends Exception {
    Unusable(String message) {
      super(message);
    }
  }

  /** The settings with Daylight's hook in them (a new file's when {@code text} is null). */
  static String install(String text, HookTarget target, String command) throws Unusable {
    ObjectNode root = parse(text);
    if (target.shape() == HookTarget.Shape.FLAT && !root.has("version")) {
      root.put("version", 1);
    }
    ArrayNode entries = eventArray(root, target);
    ObjectNode ours = find(entries, target);
    if (ours == null) {
      ObjectNode hook = MAPPER.createObjectNode();
      if (target.shape() == HookTarget.Shape.GROUPED) {
        ObjectNode group = entries.addObject();
        group.put("matcher", target.matcher());
        hook = group.putArray("hooks").addObject();
        hook.put("type", "command");
      } else {
        entries.add(hook);
      }
      ours = hook;
    }
    ours.put("command", command);
    if (target.timeoutSeconds() != null) {
      ours.put("timeout", target.timeoutSeconds());
    }
    return print(root);
  }

  /** The settings without Daylight's hook; groups and lists that only held it go too. */
  static String remove(String text, HookTarget target) throws Unusable {
    ObjectNode root = parse(text);
    JsonNode hooks = root.get("hooks");
    if (hooks instanceof ObjectNode h && h.get(target.event()) instanceof ArrayNode entries) {
      for (Iterator<JsonNode> it = entries.elements(); it.hasNext(); ) {
        JsonNode entry = it.next();
        if (target.shape() == HookTarget.Shape.FLAT) {
          if (ours(entry)) {
            it.remove();
          }
        } else if (entry.get("hooks") instanceof ArrayNode inner) {
          for (Iterator<JsonNode> in = inner.elements(); in.hasNext(); ) {
            if (ours(in.next())) {
              in.remove();
            }
          }
          if (inner.isEmpty()) {
            it.remove();
          }
        }
      }
      if (entries.isEmpty()) {
        h.remove(target.event());
      }
      if (h.isEmpty()) {
        root.remove("hooks");
      }
    }
    return print(root);
  }

  static boolean installed(String text, HookTarget target) {
    try {
      JsonNode entries = parse(text).path("hooks").path(target.event());
      return entries.isArray() && find((ArrayNode) entries, target) != null;
    } catch (Unusable e) {
      return false;
    }
  }

  private static ObjectNode parse(String text) throws Unusable {
    if (text == null || text.isBlank()) {
      return MAPPER.createObjectNode();
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new Unusable("is not valid JSON" + where);
    }
    if (!(root instanceof ObjectNode o)) {
      throw new Unusable("does not hold a JSON object");
    }
    return o;
  }

  private static ArrayNode eventArray(ObjectNode root, HookTarget target) throws Unusable {
    JsonNode hooks = root.get("hooks");
    if (hooks == null) {
      hooks = root.putObject("hooks");
    } else if (!(hooks instanceof ObjectNode)) {
      throw new Unusable("has a \"hooks\" value that is not an object");
    }
    JsonNode entries = hooks.get(target.event());
    if (entries == null) {
      return ((ObjectNode) hooks).putArray(target.event());
    }
    if (!(entries instanceof ArrayNode a)) {
      throw new Unusable("has a \"hooks." + target.event() + "\" value that is not a list");
    }
    return a;
  }

  /** Daylight's hook object inside the event's list, or null. */
  private static ObjectNode find(ArrayNode entries, HookTarget target) {
    for (JsonNode entry : entries) {
      if (target.shape() == HookTarget.Shape.FLAT) {
        if (ours(entry)) {
          return (ObjectNode) entry;
        }
      } else {
        for (JsonNode hook : entry.path("hooks")) {
          if (ours(hook)) {
            return (ObjectNode) hook;
          }
        }
      }
    }
    return null;
  }

  private static boolean ours(JsonNode hook) {
    return hook instanceof ObjectNode && hook.path("command").asText("").contains(MARKER);
  }

  private static String print(ObjectNode root) {
    try {
      return MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
