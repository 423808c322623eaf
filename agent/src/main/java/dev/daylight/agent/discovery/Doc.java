package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A parsed config file: its tree and the 1-based line where each entry starts, keyed by JSON
 * pointer ({@code /mcpServers/github}). XML files keep their text for the JetBrains reader.
 */
record Doc(JsonNode root, Map<String, Integer> lines, String text) {
  Integer line(String pointer) {
    return lines.get(pointer);
  }

  static String child(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }
}
