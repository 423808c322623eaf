package dev.daylight.agent.discovery;

import java.util.ArrayList;
import java.util.List;

/** Splits launch lines the way a POSIX shell would, without ever running one. */
final class LaunchLine {
  private LaunchLine() {}

  /**
   * A command string that holds a whole line ({@code "uv run python"}) becomes command plus args;
   * a path that contains spaces ({@code C:\Program Files\nodejs\npx.cmd}) stays whole.
   */
  static List<String> splitCommand(String command) {
    String c = command.strip();
    if (c.isEmpty() || c.chars().noneMatch(Character::isWhitespace) || pathLike(c)) {
      return List.of(command);
    }
    return words(c);
  }

  /** A rooted or Windows path: its spaces may belong to folder names, so it is never split. */
  private static boolean pathLike(String c) {
    return c.startsWith("/") || c.startsWith("~") || c.startsWith("./") || c.startsWith("..")
        || c.matches("^[A-Za-z]:[\\\\/].*") || c.contains("\\");
  }

  /** Shell-like words: whitespace separates, quotes group, backslash escapes outside single quotes. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else if (ch == '\\' && quote == '"' && i + 1 < line.length()
            && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
          cur.append(line.charAt(++i));
        } else {
          cur.append(ch);
        }
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
        inWord = true;
      } else if (Character.isWhitespace(ch)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(ch);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
