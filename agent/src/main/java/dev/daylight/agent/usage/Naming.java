package dev.daylight.agent.usage;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * How a client's recorded tool name carries the server: {@code prefixed:P:SEP} is P + server + SEP
 * + tool (Claude Code {@code mcp__github__create_issue}, Gemini CLI {@code mcp_github_x}); {@code
 * field} and {@code file:P} name the server elsewhere. The separator may also occur in server
 * names, so the client's configured names are tried first, longest first.
 */
record Naming(String prefix, String separator) {
  record Split(String server, String tool) {}

  static Naming parse(String spec) {
    if (spec != null && spec.startsWith("prefixed:")) {
      String[] parts = spec.split(":", -1);
      if (parts.length == 3 && !parts[2].isEmpty()) {
        return new Naming(parts[1], parts[2]);
      }
      throw new IllegalArgumentException("naming '" + spec + "' is not prefixed:PREFIX:SEPARATOR");
    }
    return new Naming("", "__");
  }

  /** Server and tool of a recorded name, or empty when the name is no MCP tool's. */
  Optional<Split> split(String recorded, Collection<String> knownServers) {
    if (recorded == null || !recorded.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = recorded.substring(prefix.length());
    String best = null;
    for (String server : knownServers) {
      String norm = normalize(server);
      if (rest.length() > norm.length() + separator.length()
          && rest.regionMatches(true, 0, norm, 0, norm.length())
          && rest.startsWith(separator, norm.length())
          && (best == null || server.length() > best.length())) {
        best = server;
      }
    }
    if (best != null) {
      return Optional.of(
          new Split(best, rest.substring(normalize(best).length() + separator.length())));
    }
    int at = rest.indexOf(separator);
    if (at <= 0 || at + separator.length() >= rest.length()) {
      return Optional.empty();
    }
    return Optional.of(new Split(rest.substring(0, at), rest.substring(at + separator.length())));
  }

  /** A server name as clients put it into tool names: only letters, digits, '_' and '-'. */
  static String normalize(String server) {
    return server.replaceAll("[^A-Za-z0-9_-]", "_").toLowerCase(Locale.ROOT);
  }
}
