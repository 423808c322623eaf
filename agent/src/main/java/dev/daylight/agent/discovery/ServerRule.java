package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.secrets.Redactor;
import dev.daylight.agent.secrets.ServerSecrets;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One entry of Claude Code's {@code allowedMcpServers} or {@code deniedMcpServers}: an object with
 * exactly one of {@code serverName} (the label, exact), {@code serverCommand} (a stdio server's
 * command and arguments, exact and in order) or {@code serverUrl} (a remote server's URL, with
 * {@code *} wildcards anywhere; the host compared without case and without a trailing dot; a
 * pattern without a path matches every path). Anything else is dropped, as Claude Code drops it.
 *
 * <p>A command is compared after the same redaction the server's own launch line went through, so a
 * secret argument matches by its keyed fingerprint (by position only when the scan has no store
 * key) and never appears in clear in the reason. Values are compared as written: Claude Code also
 * expands {@code ${VAR}} on both sides, which a scan of files cannot reproduce.
 */
record ServerRule(
    Kind kind, String name, List<String> command, String url, String shown, Path source) {
  enum Kind {
    NAME,
    COMMAND,
    URL
  }

  /**
   * Allowlist names are limited to letters, digits, hyphens and underscores; denylist names are
   * not.
   */
  private static final Pattern ALLOWED_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  static Optional<ServerRule> parse(
      JsonNode entry, Path source, Redactor redactor, boolean allowList) {
    if (entry == null || !entry.isObject() || entry.size() != 1) {
      return Optional.empty();
    }
    JsonNode name = entry.get("serverName");
    if (name != null
        && name.isTextual()
        && !name.asText().isEmpty()
        && (!allowList || ALLOWED_NAME.matcher(name.asText()).matches())) {
      return Optional.of(
          new ServerRule(
              Kind.NAME,
              name.asText(),
              List.of(),
              null,
              "serverName \"" + name.asText() + "\"",
              source));
    }
    JsonNode cmd = entry.get("serverCommand");
    if (cmd != null && cmd.isArray() && !cmd.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode p : cmd) {
        if (!p.isTextual()) {
          return Optional.empty();
        }
        parts.add(p.asText());
      }
      ServerSecrets secrets = redactor.forServer();
      List<String> red = new ArrayList<>();
      red.add(secrets.command(parts.get(0)));
      red.addAll(secrets.args(parts.subList(1, parts.size())));
      return Optional.of(
          new ServerRule(
              Kind.COMMAND,
              null,
              List.copyOf(red),
              null,
              "serverCommand "
                  + red.stream()
                      .map(a -> "\"" + a + "\"")
                      .collect(Collectors.joining(", ", "[", "]")),
              source));
    }
    JsonNode url = entry.get("serverUrl");
    if (url != null && url.isTextual() && !url.asText().isEmpty()) {
      return Optional.of(
          new ServerRule(
              Kind.URL,
              null,
              List.of(),
              url.asText(),
              "serverUrl " + redactor.forServer().url(url.asText()),
              source));
    }
    return Optional.empty();
  }

  static boolean remote(McpServer s) {
    return s.transport() == Transport.HTTP || s.transport() == Transport.SSE;
  }

  boolean matches(McpServer s) {
    return switch (kind) {
      case NAME -> s.name().equals(name);
      case COMMAND ->
          s.transport() == Transport.STDIO && s.command() != null && command.equals(launchLine(s));
      case URL -> remote(s) && s.url() != null && urlMatches(url, s.url());
    };
  }

  private static List<String> launchLine(McpServer s) {
    List<String> line = new ArrayList<>();
    line.add(s.command());
    line.addAll(s.args());
    return line;
  }

  static boolean urlMatches(String pattern, String url) {
    Url p = Url.split(pattern);
    Url u = Url.split(url);
    if (p == null || u == null) {
      return glob(pattern).matcher(url).matches();
    }
    return glob(p.scheme()).matcher(u.scheme()).matches()
        && glob(p.authority()).matcher(u.authority()).matches()
        && (p.rest().isEmpty()
            || glob(p.rest()).matcher(u.rest().isEmpty() ? "/" : u.rest()).matches());
  }

  /** Scheme and authority lower-cased (a trailing host dot dropped), and the rest as written. */
  private record Url(String scheme, String authority, String rest) {
    static Url split(String text) {
      int sep = text.indexOf("://");
      if (sep < 0) {
        return null;
      }
      int slash = text.indexOf('/', sep + 3);
      String authority =
          text.substring(sep + 3, slash < 0 ? text.length() : slash).toLowerCase(Locale.ROOT);
      int colon = authority.lastIndexOf(':');
      String host =
          colon < 0 || authority.endsWith("]") ? authority : authority.substring(0, colon);
      String port = host.length() == authority.length() ? "" : authority.substring(host.length());
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      return new Url(
          text.substring(0, sep).toLowerCase(Locale.ROOT),
          host + port,
          slash < 0 ? "" : text.substring(slash));
    }
  }

  private static Pattern glob(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        re.append(".*");
      }
      if (!parts[i].isEmpty()) {
        re.append(Pattern.quote(parts[i]));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
