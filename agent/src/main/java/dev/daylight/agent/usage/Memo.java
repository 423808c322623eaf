package dev.daylight.agent.usage;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader carries from one pass to the next for one file: the session's project folder
 * (Codex and Goose name it once, at the top) and the last call ids counted (Gemini CLI rewrites
 * its records). Stored as lines of text: the project, then one id per line.
 */
record Memo(String project, List<String> seen) {
  static final Memo EMPTY = new Memo(null, List.of());

  static Memo decode(String text) {
    if (text == null || text.isEmpty()) {
      return EMPTY;
    }
    String[] lines = text.split("\n", -1);
    List<String> ids = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        ids.add(lines[i]);
      }
    }
    return new Memo(lines[0].isEmpty() ? null : lines[0], ids);
  }

  String encode() {
    StringBuilder b = new StringBuilder(project == null ? "" : project.replace('\n', ' '));
    for (String id : seen) {
      b.append('\n').append(id.replace('\n', ' '));
    }
    return b.toString();
  }
}
