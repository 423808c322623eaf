package dev.daylight.agent.capability;

import dev.daylight.identity.Purls;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one server can do: its package's classes (read from its code), for a remote server its
 * host's, Daylight's known-packages list only where no code was read, and the classes of the tools
 * its client's records show it was asked to run. Null and why when none of these says anything.
 */
public final class ServerCapabilities {
  /** The server's classes, or null and why nothing could be read. */
  public record Found(List<Capability> capabilities, String why) {}

  /** A scan's installed packages by base purl and version; a copy whose code was read first. */
  public static final class Installed {
    private final Map<String, InstalledPackage> byVersion = new HashMap<>();

    public Installed(List<InstalledPackage> packages) {
      for (InstalledPackage i : packages) {
        if (i.version() != null) {
          byVersion.merge(
              Purls.base(i.purl()) + "@" + i.version(),
              i,
              (a, b) -> a.capabilities() == null && b.capabilities() != null ? b : a);
        }
      }
    }

    InstalledPackage get(PackageRef p) {
      return p.version() == null || p.purl() == null
          ? null
          : byVersion.get(Purls.base(p.purl()) + "@" + p.version());
    }
  }

  private ServerCapabilities() {}

  /**
   * @param packages the scan's installed packages (their capabilities already attached), indexed
   *     once
   * @param calledTools tool names the clients' records show this server was asked to run
   */
  public static Found of(McpServer s, Installed packages, List<String> calledTools) {
    Found own = own(s, packages);
    List<Capability> called = Capabilities.ofCalledTools(calledTools);
    if (own.capabilities() == null) {
      return called.isEmpty() ? own : new Found(called, null);
    }
    List<Capability> all = new ArrayList<>(own.capabilities());
    for (Capability c : called) {
      if (all.stream().noneMatch(a -> a.cls().equals(c.cls()))) {
        all.add(c);
      }
    }
    return new Found(all, null);
  }

  private static Found own(McpServer s, Installed packages) {
    PackageRef p = s.pkg();
    // mcp-remote and the like: what runs on this machine is a proxy, what acts is the remote host.
    String remote = s.proxiedUrl() != null ? s.proxiedUrl() : p == null ? s.url() : null;
    if (remote != null) {
      Optional<List<Capability>> host = RemoteHosts.of(remote);
      String h = RemoteHosts.host(remote);
      return host.map(c -> new Found(c, null))
          .orElseGet(
              () ->
                  new Found(
                      null,
                      h == null
                          ? "the server's URL names no host"
                          : "the remote host "
                              + h
                              + " is not in Daylight's list of known MCP hosts"));
    }
    if (p == null) {
      return new Found(
          null,
          s.command() == null
              ? "provided by the client or an extension: no code to read"
              : "a local command, not a package Daylight reads");
    }
    if ("local".equals(p.ecosystem())) {
      return new Found(null, "a local command (" + p.name() + "), not a package Daylight reads");
    }
    InstalledPackage installed = packages.get(p);
    if (installed != null && installed.capabilities() != null) {
      return new Found(installed.capabilities(), null);
    }
    Optional<List<Capability>> known = KnownPackages.of(p.purl());
    if (known.isPresent()) {
      return new Found(known.get(), null);
    }
    if (installed != null) {
      return new Found(null, installed.capabilitiesWhy());
    }
    return new Found(
        null,
        p.version() == null
            ? "the version of " + p.name() + " floats and no installed copy was found to read"
            : p.name() + "@" + p.version() + " was not found installed on this machine");
  }
}
