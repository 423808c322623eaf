package dev.daylight.agent.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * Daylight's entry in a client's hook settings as JSON: what it is, whether a file holds it, and
 * (when the file changed since install, so the recorded splice cannot be taken out as it went in)
 * removing it while keeping every other key and hook in order. Pure text to text: the caller reads
 * and writes the file. Daylight's entry is the one whose command names {@value #MARKER}.
 */
final class SettingsEdit {
  static final String MARKER = "daylight-guard";
  private static final ObjectMapper MAPPER =
      // The bounded parser the splice uses too: a file too deep for it is Unusable here, not a
      // failure in the middle of writing it.
      JsonMapper.builder(dev.daylight.agent.json.Limits.jsonFactory())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private SettingsEdit() {}

  /** Thrown when the file is not a JSON object Daylight can add to; the file is left as it was. */
  static final class Unusable extends Exception {
    Unusable(String message) {
      super(message);
    }
  }

  /** Daylight's entry in the event's list: a group holding the hook, or the hook itself. */
  static ObjectNode entry(HookTarget target, String command) {
    ObjectNode hook = MAPPER.createObjectNode();
    target.hook().fields().forEachRemaining(f -> hook.set(f.getKey(), f.getValue().deepCopy()));
    hook.put(target.commandKey(), command);
    if (target.shape() == HookTarget.Shape.FLAT) {
      return hook;
    }
    ObjectNode group = MAPPER.createObjectNode();
    group.put("matcher", target.matcher());
    group.putArray("hooks").add(hook);
    return group;
  }

  /** A whole new file holding only Daylight's hook (and the fields the file needs). */
  static String fresh(HookTarget target, String command) {
    ObjectNode root = MAPPER.createObjectNode();
    target
        .fileFields()
        .fields()
        .forEachRemaining(f -> root.set(f.getKey(), f.getValue().deepCopy()));
    root.putObject("hooks").putArray(target.event()).add(entry(target, command));
    return print(root);
  }

  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fails with the reason when Daylight could not add its hook to this text. */
  static ObjectNode check(String text, HookTarget target) throws Unusable {
    ObjectNode root = parse(text);
    JsonNode hooks = root.get("hooks");
    if (hooks != null && !(hooks instanceof ObjectNode)) {
      throw new Unusable("has a \"hooks\" value that is not an object");
    }
    JsonNode entries = hooks == null ? null : hooks.get(target.event());
    if (entries != null && !(entries instanceof ArrayNode)) {
      throw new Unusable("has a \"hooks." + target.event() + "\" value that is not a list");
    }
    return root;
  }

  /** The command of Daylight's hook in this text, if there is one. */
  static java.util.Optional<String> command(String text, HookTarget target) {
    try {
      JsonNode entries = parse(text).path("hooks").path(target.event());
      ObjectNode ours = entries.isArray() ? find((ArrayNode) entries, target) : null;
      return java.util.Optional.ofNullable(ours).map(o -> o.path(target.commandKey()).asText());
    } catch (Unusable e) {
      return java.util.Optional.empty();
    }
  }

  /** The settings without Daylight's hook; groups and lists that only held it go too. */
  static String remove(String text, HookTarget target) throws Unusable {
    ObjectNode root = parse(text);
    JsonNode hooks = root.get("hooks");
    if (hooks instanceof ObjectNode h && h.get(target.event()) instanceof ArrayNode entries) {
      for (Iterator<JsonNode> it = entries.elements(); it.hasNext(); ) {
        JsonNode entry = it.next();
        if (target.shape() == HookTarget.Shape.FLAT) {
          if (ours(entry, target)) {
            it.remove();
          }
        } else if (entry.get("hooks") instanceof ArrayNode inner) {
          for (Iterator<JsonNode> in = inner.elements(); in.hasNext(); ) {
            if (ours(in.next(), target)) {
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
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new Unusable("is not valid JSON" + where);
    }
    if (!(root instanceof ObjectNode o)) {
      throw new Unusable("does not hold a JSON object");
    }
    return o;
  }

  /** Daylight's hook object inside the event's list, or null. */
  private static ObjectNode find(ArrayNode entries, HookTarget target) {
    for (JsonNode entry : entries) {
      if (target.shape() == HookTarget.Shape.FLAT) {
        if (ours(entry, target)) {
          return (ObjectNode) entry;
        }
      } else {
        for (JsonNode hook : entry.path("hooks")) {
          if (ours(hook, target)) {
            return (ObjectNode) hook;
          }
        }
      }
    }
    return null;
  }

  private static boolean ours(JsonNode hook, HookTarget target) {
    return hook instanceof ObjectNode && hook.path(target.commandKey()).asText("").contains(MARKER);
  }

  private static String print(ObjectNode root) {
    try {
      return MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
