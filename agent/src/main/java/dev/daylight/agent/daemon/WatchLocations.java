package dev.daylight.agent.daemon;

import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.platform.Root;
import dev.daylight.agent.scan.ScanContext;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where the catalog says config files live for this context, as paths to watch whether or not they
 * exist. A pattern is watched up to its first wildcard segment (a new folder there starts a rescan,
 * which finds the files inside). Project files are watched where scans found them; the clients'
 * user and managed settings files are watched too, since they approve and block servers.
 */
public final class WatchLocations {
  private WatchLocations() {}

  public static Set<Path> of(ScanContext context) {
    return of(Catalog.builtIn(), context);
  }

  static Set<Path> of(Catalog catalog, ScanContext context) {
    Set<Path> out = new LinkedHashSet<>();
    String os = context.os().wire();
    for (Catalog.ClientSpec client : catalog.clients()) {
      for (Catalog.FileSpec spec : client.files()) {
        if (spec.appliesTo(os)) {
          resolve(spec.path(), context).ifPresent(out::add);
        }
      }
      for (Catalog.FileSpec spec : client.settings()) {
        // A settings change can block or approve a server without touching its config file.
        if (spec.appliesTo(os) && !"project".equals(spec.scope())) {
          resolve(spec.path(), context).ifPresent(out::add);
        }
      }
      for (Catalog.RegistrySpec reg : client.registries()) {
        if (reg.appliesTo(os)) {
          resolve(reg.path(), context).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  static Optional<Path> resolve(String template, ScanContext context) {
    Optional<Path> base;
    String rest;
    int close = template.indexOf('}');
    if (template.startsWith("{") && close > 0) {
      String token = template.substring(1, close);
      rest = template.substring(close + 1);
      try {
        base =
            token.startsWith("env:")
                ? context.env(token.substring(4)).flatMap(WatchLocations::path)
                : context.layout().root(Root.ofToken(token));
      } catch (IllegalArgumentException unknownRoot) {
        return Optional.empty();
      }
    } else {
      base = Optional.of(context.home());
      rest = template;
    }
    if (base.isEmpty()) {
      return Optional.empty();
    }
    Path p = base.get();
    for (String seg : rest.replace('\\', '/').split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.contains("*") || seg.contains("?")) {
        break;
      }
      p = p.resolve(seg);
    }
    return Optional.of(p);
  }

  private static Optional<Path> path(String s) {
    try {
      return Optional.of(Path.of(s));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
