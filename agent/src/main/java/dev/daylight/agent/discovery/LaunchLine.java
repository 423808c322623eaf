package dev.daylight.agent.discovery;

import dev.daylight.agent.resolve.ShellWords;
import java.util.List;

/** Splits launch lines the way a POSIX shell would, without ever running one. */
final class LaunchLine {
  private LaunchLine() {}

  /**
   * A command string that holds a whole line ({@code "uv run python"}) becomes command plus args; a
   * path that contains spaces ({@code C:\Program Files\nodejs\npx.cmd}) stays whole.
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
    return c.startsWith("/")
        || c.startsWith("~")
        || c.startsWith("./")
        || c.startsWith("..")
        || c.matches("^[A-Za-z]:[\\\\/].*")
        || c.contains("\\");
  }

  /**
   * Shell-like words: whitespace separates, quotes group, backslash escapes quotes inside double
   * quotes.
   */
  static List<String> words(String line) {
    return ShellWords.split(line);
  }
}
