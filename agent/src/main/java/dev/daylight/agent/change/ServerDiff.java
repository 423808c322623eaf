package dev.daylight.agent.change;

import dev.daylight.identity.Purls;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares the servers known before a scan with the servers the scan found. Identity is the server
 * id (client + config path + name). Servers whose config file could not be read this time are
 * neither removed nor changed: an unreadable file says nothing about its content.
 */
public final class ServerDiff {
  private ServerDiff() {}

  public static List<ServerChange> diff(
      List<McpServer> known, List<McpServer> found, Set<String> unreadablePaths) {
    Map<String, McpServer> before = byId(known);
    Map<String, McpServer> after = byId(found);
    List<ServerChange> changes = new ArrayList<>();
    for (McpServer now : after.values()) {
      McpServer then = before.get(now.id());
      if (then == null) {
        changes.add(new ServerChange.Added(now));
        continue;
      }
      List<String> fields = changedFields(then, now);
      if (!fields.isEmpty()) {
        changes.add(new ServerChange.Changed(then, now, fields));
      }
      if (versionChanged(then.pkg(), now.pkg())) {
        changes.add(new ServerChange.PackageVersionChanged(then, now));
      }
    }
    for (McpServer then : before.values()) {
      if (!after.containsKey(then.id()) && !unreadablePaths.contains(then.configPath())) {
        changes.add(new ServerChange.Removed(then));
      }
    }
    return changes;
  }

  static List<String> changedFields(McpServer a, McpServer b) {
    List<String> fields = new ArrayList<>();
    check(fields, "transport", a, b, McpServer::transport);
    check(fields, "command", a, b, McpServer::command);
    check(fields, "args", a, b, McpServer::args);
    check(fields, "url", a, b, McpServer::url);
    check(fields, "envKeys", a, b, s -> Set.copyOf(s.envKeys()));
    check(fields, "headerKeys", a, b, s -> Set.copyOf(s.headerKeys()));
    check(fields, "secretFingerprints", a, b, McpServer::secretFingerprints);
    check(fields, "enabled", a, b, McpServer::enabled);
    check(fields, "proxiedUrl", a, b, McpServer::proxiedUrl);
    check(fields, "blockedBy", a, b, McpServer::blockedBy);
    if (a.approval() != null) {
      // A server recorded before approvals were read has none: its first approval is no change.
      check(fields, "approval", a, b, McpServer::approval);
    }
    if (a.capabilities() != null && b.capabilities() != null) {
      // What the server can do (a release that starts sending mail): the classes, not where the
      // evidence sits, which moves with every release. Unknown on either side (code not readable
      // then or now) says nothing about the server, so it is no change.
      check(fields, "capabilities", a, b, ServerDiff::classes);
    }
    return fields;
  }

  private static Set<String> classes(McpServer s) {
    return s.capabilities().stream().map(Capability::cls).collect(Collectors.toSet());
  }

  private static void check(
      List<String> fields, String name, McpServer a, McpServer b, Function<McpServer, Object> f) {
    if (!Objects.equals(f.apply(a), f.apply(b))) {
      fields.add(name);
    }
  }

  private static boolean versionChanged(PackageRef a, PackageRef b) {
    return a != null
        && b != null
        && Purls.base(a.purl()).equals(Purls.base(b.purl()))
        && !Objects.equals(a.version(), b.version());
  }

  private static Map<String, McpServer> byId(List<McpServer> servers) {
    Map<String, McpServer> map = new LinkedHashMap<>();
    for (McpServer s : servers) {
      map.putIfAbsent(s.id(), s);
    }
    return map;
  }
}
