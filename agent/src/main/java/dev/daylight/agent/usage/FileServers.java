package dev.daylight.agent.usage;

import java.nio.file.Path;
import java.util.Collection;

/**
 * The server a per-server log file is for, from its name: Claude Desktop's
 * {@code mcp-server-NAME.log}, VS Code's {@code mcpServer.DEFINITION-ID.log} where the definition
 * id ends with the configured name ({@code mcp.config.usrlocal.github}).
 */
final class FileServers {
  private FileServers() {}

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
    String best = null;
    for (String k : known) {
      if ((raw.equals(k) || raw.endsWith("." + k)) && (best == null || k.length() > best.length())) {
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
