package dev.daylight.agent.change;

import dev.daylight.identity.Purls;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

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
    // What a new release can do that the last could not (or no longer): compared at a release only.
    if (versionChanged(a.pkg(), b.pkg())) {
      Set<String> before = codeClasses(a);
      Set<String> after = codeClasses(b);
      if (before != null && after != null && !before.equals(after)) {
        fields.add("capabilities");
      }
    }
    return fields;
  }

  /**
   * The classes a server's package code shows (a release that starts sending mail), or null where
   * its code was not read: classes of tools the records show called come and go with use, and
   * Daylight's known-packages list or a host list change with Daylight, not with the release.
   */
  private static Set<String> codeClasses(McpServer s) {
    if (s.capabilities() == null) {
      return null;
    }
    Set<String> code = new HashSet<>();
    boolean called = false;
    for (Capability c : s.capabilities()) {
      String kind = c.evidence() == null ? "" : c.evidence().kind();
      if (kind.equals("file")) {
        code.add(c.cls());
      } else if (kind.equals("tool-call")) {
        called = true;
      } else {
        return null; // from Daylight's known-packages list: the code was not read
      }
    }
    // Only called tools' classes: the code was read and showed nothing, or was not read.
    return code.isEmpty() && called ? null : code;
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
