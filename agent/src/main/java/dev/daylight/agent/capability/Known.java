package dev.daylight.agent.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import java.util.List;

/** The one check the data files share: every class they name is a class of classes.json. */
final class Known {
  private Known() {}

  static List<String> classes(JsonNode entry, String where) {
    List<String> classes = JsonTrees.strings(entry, "classes");
    if (classes == null) {
      throw new IllegalStateException(where + ": no classes list");
    }
    for (String c : classes) {
      if (!Capabilities.classIds().contains(c)) {
        throw new IllegalStateException(where + ": unknown class '" + c + "'");
      }
    }
    return List.copyOf(classes);
  }
}
