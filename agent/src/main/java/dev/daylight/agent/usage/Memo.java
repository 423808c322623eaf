package dev.daylight.agent.usage;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader carries from one pass to the next for one file: the session's project folder (Codex
 * and Goose name it once, at the top), the last call ids counted (Gemini CLI rewrites its records)
 * and the last calls still waiting for their result (a failure may be written after the pass), and
 * for a database the reader's cursor (how far its rows were read). Stored as lines of text: the
 * project, then {@code s ID}, {@code p ID<TAB>server<TAB>tool<TAB>project<TAB>epoch-ms} and {@code
 * c CURSOR} lines. Names, ids and times only, like everything in the ledger.
 */
record Memo(String project, List<String> seen, List<Reading.Pending> pending, String cursor) {
  static final Memo EMPTY = new Memo(null, List.of(), List.of(), null);

  static Memo decode(String text) {
    if (text == null || text.isEmpty()) {
      return EMPTY;
    }
    String[] lines = text.split("\n", -1);
    List<String> ids = new ArrayList<>();
    List<Reading.Pending> waiting = new ArrayList<>();
    String cursor = null;
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i];
      if (l.startsWith("c ")) {
        cursor = l.substring(2);
      } else if (l.startsWith("s ")) {
        ids.add(l.substring(2));
      } else if (l.startsWith("p ")) {
        String[] f = l.substring(2).split("\t", -1);
        if (f.length == 5) {
          try {
            waiting.add(new Reading.Pending(f[0], f[1], f[2], f[3], Long.parseLong(f[4])));
          } catch (NumberFormatException ignored) {
            // a memo from another version: the call simply gets no outcome
          }
        }
      }
    }
    return new Memo(lines[0].isEmpty() ? null : lines[0], ids, waiting, cursor);
  }

  String encode() {
    StringBuilder b = new StringBuilder(clean(project));
    for (String id : seen) {
      b.append("\ns ").append(clean(id));
    }
    for (Reading.Pending p : pending) {
      b.append("\np ")
          .append(clean(p.callId()))
          .append('\t')
          .append(clean(p.server()))
          .append('\t')
          .append(clean(p.tool()))
          .append('\t')
          .append(clean(p.project()))
          .append('\t')
          .append(p.epochMs());
    }
    if (cursor != null) {
      b.append("\nc ").append(clean(cursor));
    }
    return b.toString();
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\t', ' ');
  }
}
