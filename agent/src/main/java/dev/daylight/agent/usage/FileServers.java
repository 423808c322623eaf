package dev.daylight.agent.usage;

import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server a per-server log file is for, from its name: Claude Desktop's {@code
 * mcp-server-NAME.log}, VS Code's {@code mcpServer.DEFINITION-ID.log} where the definition id ends
 * with the configured name ({@code mcp.config.usrlocal.github}), Cursor's {@code MCP user-NAME.log}
 * and {@code MCP project-N-FOLDER-NAME.log}.
 */
final class FileServers {
  private static final String CURSOR = "MCP ";
  private static final Pattern CURSOR_PROJECT = Pattern.compile("^project-\\d+-(.+)$");

  private FileServers() {}

  /**
   * Cursor's server identifier: {@code user-NAME}, or {@code project-N-FOLDER-NAME} where the
   * folder may hold dashes too, so the longest configured name it ends with is taken.
   */
  private static String cursor(String id, Collection<String> known) {
    if (id.startsWith("user-")) {
      return id.substring("user-".length());
    }
    Matcher m = CURSOR_PROJECT.matcher(id);
    if (!m.matches()) {
      return id;
    }
    String rest = m.group(1);
    String best = null;
    for (String k : known) {
      if ((rest.equals(k) || rest.endsWith("-" + k))
          && (best == null || k.length() > best.length())) {
        best = k;
      }
    }
    return best != null ? best : rest;
  }

  static String of(String naming, Path file, Collection<String> known) {
    if (naming == null || !naming.startsWith("file:")) {
      return null;
    }
    String prefix = naming.substring("file:".length());
    String name = file.getFileName().toString();
    if (!name.startsWith(prefix) || !name.endsWith(".log")) {
      return null;
    }
    String raw = name.substring(prefix.length(), name.length() - ".log".length());
    if (prefix.equals(CURSOR)) {
      return cursor(raw, known);
    }
    String best = null;
    for (String k : known) {
      if ((raw.equals(k) || raw.endsWith("." + k))
          && (best == null || k.length() > best.length())) {
        best = k;
      }
    }
    if (best != null) {
      return best;
    }
    int dot = raw.lastIndexOf('.');
    return prefix.endsWith(".") && dot >= 0 ? raw.substring(dot + 1) : raw;
  }
}
