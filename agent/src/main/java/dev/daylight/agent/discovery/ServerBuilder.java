package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.catalog.Catalog.Dialect;
import dev.daylight.agent.secrets.Redactor;
import dev.daylight.agent.secrets.ServerSecrets;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Turns one server entry, in whichever spelling its client uses, into a redacted {@link McpServer}.
 * Values are only read: nothing in an entry is ever executed or expanded.
 */
final class ServerBuilder {
  private final Dialect dialect;
  private final Redactor redactor;
  private final String osUser;

  ServerBuilder(Dialect dialect, Redactor redactor, String osUser) {
    this.dialect = dialect;
    this.redactor = redactor;
    this.osUser = osUser;
  }

  /** The fields of an entry before redaction; {@code env} and {@code headers} hold clear values. */
  Dialect dialect() {
    return dialect;
  }

  record Raw(
      String command,
      List<String> args,
      Map<String, String> env,
      List<String> envKeys,
      Map<String, String> headers,
      List<String> headerKeys,
      String url,
      Transport transport,
      boolean enabled) {}

  McpServer build(ClientSpec client, String configPath, ServerEntries.Entry entry, Integer line) {
    JsonNode n = entry.node();
    if (!n.isObject()) {
      throw new IllegalArgumentException("entry is not an object");
    }
    Raw raw = read(client, n);
    Scope scope = entry.scope();
    if (raw.command() == null
        && raw.url() == null
        && (n.has("settings") || "extension".equals(n.path("source").asText()))) {
      scope = Scope.EXTENSION; // Zed: the extension named by the key provides the launch line
    }
    return assemble(client.id(), scope, configPath, line, entry.name(), entry.locator(), raw);
  }

  McpServer assemble(
      String clientId,
      Scope scope,
      String configPath,
      Integer line,
      String name,
      String locator,
      Raw raw) {
    ServerSecrets secrets = redactor.forServer();
    List<String> launch =
        raw.command() == null ? List.of() : LaunchLine.splitCommand(raw.command());
    List<String> args =
        new ArrayList<>(launch.size() > 1 ? launch.subList(1, launch.size()) : List.of());
    args.addAll(raw.args());
    String command = launch.isEmpty() ? null : secrets.command(launch.get(0));
    args = secrets.args(args);
    raw.env().forEach(secrets::env);
    raw.headers().forEach(secrets::header);
    String url = secrets.url(raw.url());
    List<String> envKeys = new ArrayList<>(raw.env().keySet());
    raw.envKeys().stream().filter(k -> !envKeys.contains(k)).forEach(envKeys::add);
    List<String> headerKeys = new ArrayList<>(raw.headers().keySet());
    raw.headerKeys().stream().filter(k -> !headerKeys.contains(k)).forEach(headerKeys::add);
    return McpServer.builder()
        .id(id(clientId, configPath, locator, name))
        .client(clientId)
        .scope(scope)
        .configPath(configPath)
        .line(line)
        .name(name)
        .transport(raw.transport())
        .command(command)
        .args(args)
        .url(url)
        .enabled(raw.enabled())
        .envKeys(envKeys)
        .headerKeys(headerKeys)
        .secretFingerprints(secrets.fingerprints())
        .osUser(osUser)
        .build();
  }

  Raw read(ClientSpec client, JsonNode entry) {
    JsonNode n = entry;
    if (n.path("transport").isObject()) {
      // Continue's legacy config.json nests the launch line under "transport".
      n =
          ((com.fasterxml.jackson.databind.node.ObjectNode) n.deepCopy())
              .setAll((com.fasterxml.jackson.databind.node.ObjectNode) n.get("transport"));
    }
    String command = null;
    List<String> args = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode cmd = first(n, dialect.command());
    if (cmd != null && cmd.isArray()) {
      List<String> parts = strings(cmd);
      command = parts.isEmpty() ? null : parts.get(0);
      args.addAll(parts.size() > 1 ? parts.subList(1, parts.size()) : List.of());
    } else if (cmd != null && cmd.isObject()) {
      // Zed's legacy shape: "command": {"path", "args", "env"}
      command = text(cmd.get("path"));
      args.addAll(argList(cmd.get("args")));
      env.putAll(map(cmd.get("env")));
    } else if (cmd != null) {
      command = text(cmd);
    }
    args.addAll(argList(first(n, dialect.args())));
    env.putAll(map(first(n, dialect.env())));
    List<String> envKeys = strings(first(n, dialect.envKeys()));
    Map<String, String> headers = map(first(n, dialect.headers()));
    List<String> headerKeys = new ArrayList<>(map(first(n, dialect.headerEnv())).keySet());
    if (first(n, dialect.bearerEnv()) != null) {
      headerKeys.add("Authorization");
    }
    Map<String, String> urlFields = new LinkedHashMap<>(client.urlFields());
    dialect.urlFields().forEach(urlFields::putIfAbsent);
    String url = null;
    Transport implied = null;
    for (Map.Entry<String, String> f : urlFields.entrySet()) {
      String u = text(n.get(f.getKey()));
      if (u != null && !u.isBlank()) {
        url = u;
        implied = Transport.parse(f.getValue());
        break;
      }
    }
    Transport transport = transport(n, url, implied, command);
    return new Raw(
        blankToNull(command), args, env, envKeys, headers, headerKeys, url, transport, enabled(n));
  }

  private Transport transport(JsonNode n, String url, Transport implied, String command) {
    JsonNode typeNode = first(n, dialect.type());
    String type = typeNode != null && typeNode.isValueNode() ? typeNode.asText() : null;
    if (type != null) {
      String mapped = dialect.transports().get(type.trim().toLowerCase(Locale.ROOT));
      if (mapped != null) {
        Transport t = Transport.parse(mapped);
        // "remote" says only that it is not local: a client's url-means-SSE field (Gemini's) still
        // decides. Every other spelling names its transport ("streamable-http" is never SSE).
        return t == Transport.HTTP
                && implied == Transport.SSE
                && type.trim().equalsIgnoreCase("remote")
            ? Transport.SSE
            : t;
      }
    }
    if (url != null && (command == null || command.isBlank())) {
      return implied;
    }
    return Transport.STDIO;
  }

  private boolean enabled(JsonNode n) {
    for (String f : dialect.disabledTrue()) {
      if (truthy(n.get(f))) {
        return false;
      }
    }
    for (String f : dialect.enabledFalse()) {
      JsonNode v = n.get(f);
      if (v != null && v.isValueNode() && "false".equalsIgnoreCase(v.asText())) {
        return false;
      }
    }
    return true;
  }

  private static boolean truthy(JsonNode v) {
    return v != null && v.isValueNode() && "true".equalsIgnoreCase(v.asText());
  }

  private static JsonNode first(JsonNode n, List<String> names) {
    for (String name : names) {
      JsonNode cur = n;
      for (String seg : name.split("/")) {
        cur = cur == null ? null : cur.get(seg);
      }
      if (cur != null && !cur.isNull()) {
        return cur;
      }
    }
    return null;
  }

  private static List<String> argList(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isArray()) {
      return strings(node);
    }
    return LaunchLine.words(node.asText()); // JetBrains and a few tools write one string
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(v -> out.add(v.isValueNode() ? v.asText() : v.toString()));
    }
    return out;
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(
            e.getKey(),
            e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
      }
    } else if (node != null && node.isArray()) {
      // ["KEY=value", ...] or [{"name": K, "value": V}]
      for (JsonNode v : node) {
        if (v.isObject()) {
          out.put(v.path("name").asText(), v.path("value").asText(null));
        } else {
          String s = v.asText();
          int eq = s.indexOf('=');
          out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
        }
      }
    }
    return out;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Stable across scans: the same entry in the same file keeps its id. */
  static String id(String client, String configPath, String locator, String name) {
    String key = client + "\n" + configPath + "\n" + (locator == null ? "" : locator) + "\n" + name;
    return DigestUtils.sha256Hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }
}
