package dev.daylight.agent.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Validates OCSF events against the official 1.5.0 schema definitions (test resource {@code
 * ocsf-1.5.0}), as the OCSF server's validator does: the class by {@code class_uid} with its
 * parents and included profiles; every attribute must be defined for its class or object; required
 * ones present; values of the dictionary's type; enum values listed; object constraints ({@code
 * at_least_one}, {@code just_one}) met; no deprecated attribute; an attribute a profile brings only
 * when {@code metadata.profiles} names that profile. Nested objects are checked the same way,
 * recursively.
 */
public final class OcsfSchema {
  /** A definition (class or object) with its parents' and profiles' attributes merged in. */
  private record Definition(
      String name,
      Map<String, ObjectNode> attributes,
      Map<String, String> profileOf,
      JsonNode constraints,
      boolean deprecated) {}

  private final Path root;
  private final JsonNode dictionary;
  private final Map<String, JsonNode> rawObjects = new HashMap<>();
  private final Map<String, Definition> objects = new HashMap<>();
  private final Map<Integer, Definition> classes = new HashMap<>();

  private OcsfSchema(Path root) throws IOException {
    this.root = root;
    this.dictionary = read(root.resolve("dictionary.json"));
    try (Stream<Path> files = Files.list(root.resolve("objects"))) {
      for (Path f : files.toList()) {
        JsonNode o = read(f);
        rawObjects.put(o.get("name").asText(), o);
      }
    }
    JsonNode categories = read(root.resolve("categories.json")).get("attributes");
    Map<String, JsonNode> rawClasses = new HashMap<>();
    try (Stream<Path> files = Files.walk(root.resolve("events"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode c = read(f);
        rawClasses.put(c.get("name").asText(), c);
      }
    }
    for (JsonNode c : rawClasses.values()) {
      if (c.has("uid")) {
        String category = category(c, rawClasses);
        int uid = categories.get(category).get("uid").asInt() * 1000 + c.get("uid").asInt();
        classes.put(uid, resolve(c, rawClasses));
      }
    }
  }

  /** The schema in the test resources. */
  public static OcsfSchema v150() {
    try {
      return new OcsfSchema(Path.of(OcsfSchema.class.getResource("ocsf-1.5.0").toURI()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every problem of one event, each naming the attribute's path; empty when it is valid. */
  public List<String> validate(JsonNode event) {
    List<String> problems = new ArrayList<>();
    int classUid = event.path("class_uid").asInt(-1);
    Definition c = classes.get(classUid);
    if (c == null) {
      problems.add("class_uid " + event.path("class_uid") + " is not a class this schema defines");
      return problems;
    }
    if (event.path("category_uid").asInt(-1) != classUid / 1000) {
      problems.add(
          "category_uid "
              + event.path("category_uid")
              + " is not class "
              + classUid
              + "'s category");
    }
    if (event.path("type_uid").asLong(-1) != classUid * 100L + event.path("activity_id").asInt()) {
      problems.add("type_uid " + event.path("type_uid") + " is not class_uid * 100 + activity_id");
    }
    Set<String> declared = new HashSet<>();
    event.path("metadata").path("profiles").forEach(p -> declared.add(p.asText()));
    check(c, event, c.name(), declared, problems);
    return problems;
  }

  private void check(
      Definition def, JsonNode value, String path, Set<String> profiles, List<String> problems) {
    if (!value.isObject()) {
      problems.add(path + ": an object (" + def.name() + ") was expected");
      return;
    }
    if (def.deprecated()) {
      problems.add(path + ": object " + def.name() + " is deprecated");
    }
    for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      ObjectNode attr = def.attributes().get(name);
      String at = path + "." + name;
      if (attr == null) {
        problems.add(at + ": not an attribute of " + def.name());
        continue;
      }
      String profile = def.profileOf().get(name);
      if (profile != null && !profiles.contains(profile)) {
        problems.add(
            at + ": belongs to profile " + profile + ", which metadata.profiles does not name");
      }
      JsonNode dict = dictionary.path("attributes").path(name);
      if (attr.has("@deprecated") || dict.has("@deprecated")) {
        problems.add(
            at
                + ": deprecated ("
                + (attr.has("@deprecated") ? attr : dict)
                    .get("@deprecated")
                    .path("message")
                    .asText()
                + ")");
      }
      JsonNode v = value.get(name);
      if (dict.path("is_array").asBoolean(false)) {
        if (!v.isArray()) {
          problems.add(at + ": an array was expected");
          continue;
        }
        for (int i = 0; i < v.size(); i++) {
          checkValue(name, attr, dict, v.get(i), at + "[" + i + "]", profiles, problems);
        }
      } else {
        checkValue(name, attr, dict, v, at, profiles, problems);
      }
    }
    def.attributes()
        .forEach(
            (name, attr) -> {
              String profile = def.profileOf().get(name);
              boolean applies = profile == null || profiles.contains(profile);
              if (applies
                  && "required".equals(attr.path("requirement").asText())
                  && !value.has(name)) {
                problems.add(path + "." + name + ": required by " + def.name() + " but missing");
              }
            });
    for (String kind : List.of("at_least_one", "just_one")) {
      JsonNode names = def.constraints() == null ? null : def.constraints().get(kind);
      if (names != null) {
        int present = 0;
        for (JsonNode n : names) {
          present += value.has(n.asText()) ? 1 : 0;
        }
        if (present == 0 || (kind.equals("just_one") && present > 1)) {
          problems.add(path + ": constraint " + kind + " of " + names + " not met");
        }
      }
    }
  }

  private void checkValue(
      String name,
      ObjectNode attr,
      JsonNode dict,
      JsonNode v,
      String at,
      Set<String> profiles,
      List<String> problems) {
    String type = attr.path("type").asText(dict.path("type").asText());
    if (type.equals("object")) {
      // The generic object (unmapped, data): any content.
      if (!v.isObject()) {
        problems.add(at + ": an object was expected");
      }
      return;
    }
    if (rawObjects.containsKey(type)) {
      check(object(type), v, at, profiles, problems);
      return;
    }
    String base = baseType(type);
    boolean ok =
        switch (base) {
          case "string_t" -> v.isTextual();
          case "integer_t", "long_t" -> v.isIntegralNumber();
          case "float_t" -> v.isNumber();
          case "boolean_t" -> v.isBoolean();
          case "json_t" -> true;
          default -> false;
        };
    if (!ok) {
      problems.add(at + ": " + v.getNodeType() + " is not of type " + type);
      return;
    }
    // The dictionary's values (0 Unknown, 99 Other) join a class's or object's own; the uids'
    // values are the schema's classes, checked in validate().
    ObjectNode en = Json.mapper().createObjectNode();
    if (dict.has("enum")) {
      en.setAll((ObjectNode) dict.get("enum"));
    }
    if (attr.has("enum")) {
      en.setAll((ObjectNode) attr.get("enum"));
    }
    boolean uid =
        name.equals("class_uid") || name.equals("category_uid") || name.equals("type_uid");
    if (!uid && !en.isEmpty() && !en.has(v.asText())) {
      problems.add(at + ": " + v + " is not one of " + name + "'s values " + fieldNames(en));
    }
  }

  private String baseType(String type) {
    String t = type;
    for (int i = 0; i < 5; i++) {
      JsonNode parent = dictionary.path("types").path("attributes").path(t).get("type");
      if (parent == null || parent.isNull()) {
        return t;
      }
      t = parent.asText();
    }
    return t;
  }

  private Definition object(String name) {
    Definition d = objects.get(name);
    if (d == null) {
      d = resolve(rawObjects.get(name), rawObjects);
      objects.put(name, d);
    }
    return d;
  }

  /** Parents first, then included profiles, then the definition's own attributes over them. */
  private Definition resolve(JsonNode def, Map<String, JsonNode> family) {
    Map<String, ObjectNode> attrs = new HashMap<>();
    Map<String, String> profileOf = new HashMap<>();
    JsonNode constraints = null;
    if (def.has("extends") && family.containsKey(def.get("extends").asText())) {
      Definition parent = resolve(family.get(def.get("extends").asText()), family);
      parent.attributes().forEach((k, v) -> attrs.put(k, v.deepCopy()));
      profileOf.putAll(parent.profileOf());
      constraints = parent.constraints();
    }
    JsonNode own = def.path("attributes");
    JsonNode include = own.get("$include");
    if (include != null) {
      for (JsonNode file :
          include.isArray() ? include : Json.mapper().createArrayNode().add(include)) {
        JsonNode profile = read(root.resolve(file.asText()));
        String profileName = profile.path("name").asText();
        profile
            .path("attributes")
            .fields()
            .forEachRemaining(
                e -> {
                  merge(attrs, e.getKey(), e.getValue());
                  profileOf.putIfAbsent(e.getKey(), profileName);
                });
      }
    }
    own.fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("$include")) {
                merge(attrs, e.getKey(), e.getValue());
                // "profile": null makes a profile's attribute the definition's own; a name ties it
                // to one.
                JsonNode profile = e.getValue().get("profile");
                if (profile != null && profile.isNull()) {
                  profileOf.remove(e.getKey());
                } else if (profile != null) {
                  profileOf.put(e.getKey(), profile.asText());
                }
              }
            });
    if (def.has("constraints")) {
      constraints = def.get("constraints");
    }
    return new Definition(
        def.path("name").asText(), attrs, profileOf, constraints, def.has("@deprecated"));
  }

  /** A child's keys over the parent's; enums are merged, as the schema server does. */
  private static void merge(Map<String, ObjectNode> attrs, String name, JsonNode child) {
    ObjectNode merged =
        attrs.containsKey(name) ? attrs.get(name) : Json.mapper().createObjectNode();
    JsonNode parentEnum = merged.get("enum");
    merged.setAll((ObjectNode) child.deepCopy());
    if (parentEnum != null && child.has("enum")) {
      ObjectNode en = parentEnum.deepCopy();
      en.setAll((ObjectNode) child.get("enum"));
      merged.set("enum", en);
    }
    attrs.put(name, merged);
  }

  private static String category(JsonNode c, Map<String, JsonNode> family) {
    for (JsonNode d = c; d != null; d = family.get(d.path("extends").asText())) {
      if (d.has("category")) {
        return d.get("category").asText();
      }
    }
    throw new IllegalStateException("no category for " + c.path("name"));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode read(Path f) {
    try {
      return Json.mapper().readTree(f.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
