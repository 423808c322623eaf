package dev.daylight.agent.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * POSIX-like word splitting for launch lines written as one string ({@code "uv run python"}, {@code
 * cmd /c "npx -y x"}); never runs anything. Inside double quotes only {@code \"} and {@code \\} are
 * escapes, so Windows paths keep their backslashes. A command substitution ({@code $(...)},
 * backticks) stays inside its word, as the shell keeps it, however many spaces it holds: {@code
 * TOKEN=$(op read op://v/i) docker run ...} is an assignment, then {@code docker}.
 */
public final class ShellWords {
  private ShellWords() {}

  /** One word: its text once quotes are removed, and where it sits in the line. */
  public record Word(String text, int start, int end) {}

  public static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    for (Word w : words(line)) {
      out.add(w.text());
    }
    return out;
  }

  public static List<Word> words(String line) {
    List<Word> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int start = -1;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else if (ch == '\\'
            && quote == '"'
            && i + 1 < line.length()
            && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
          cur.append(line.charAt(++i));
        } else if (quote == '"' && substitutionAt(line, i)) {
          int end = substitutionEnd(line, i);
          cur.append(line, i, end);
          i = end - 1;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
        start = start < 0 ? i : start;
      } else if (Character.isWhitespace(ch)) {
        if (start >= 0) {
          out.add(new Word(cur.toString(), start, i));
          cur.setLength(0);
          start = -1;
        }
      } else if (substitutionAt(line, i)) {
        int end = substitutionEnd(line, i);
        cur.append(line, i, end);
        start = start < 0 ? i : start;
        i = end - 1;
      } else {
        cur.append(ch);
        start = start < 0 ? i : start;
      }
    }
    if (start >= 0) {
      out.add(new Word(cur.toString(), start, line.length()));
    }
    return out;
  }

  private static boolean substitutionAt(String line, int i) {
    return line.charAt(i) == '`'
        || (line.charAt(i) == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(');
  }

  /**
   * The index just past a {@code $(...)} (nested, quotes respected) or a backtick pair; the line's
   * end if open.
   */
  private static int substitutionEnd(String line, int i) {
    if (line.charAt(i) == '`') {
      int close = line.indexOf('`', i + 1);
      return close < 0 ? line.length() : close + 1;
    }
    int depth = 0;
    char quote = 0;
    for (int j = i + 1; j < line.length(); j++) {
      char c = line.charAt(j);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return j + 1;
      }
    }
    return line.length();
  }
}
