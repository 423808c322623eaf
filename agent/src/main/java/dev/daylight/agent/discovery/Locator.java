package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.catalog.Catalog.FileSpec;
import dev.daylight.agent.catalog.Catalog.RegistrySpec;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Scope;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns catalog locations into concrete files for one scan context. */
final class Locator {
  private final Catalog catalog;
  private final ScanContext context;
  // By identity: a spec is one catalog object (see ClaudeSettings on record hashCode).
  private final Map<FileSpec, Boolean> present = new IdentityHashMap<>();

  Locator(Catalog catalog, ScanContext context) {
    this.catalog = catalog;
    this.context = context;
  }

  /** The scanned layout's OS as the catalog names it. */
  String osWire() {
    return context.os().wire();
  }

  /** User, system and extension files of every client, as this OS lays them out. */
  List<Target> clientFiles() {
    List<Target> out = new ArrayList<>();
    for (ClientSpec client : catalog.clients()) {
      for (FileSpec spec : client.files()) {
        if (spec.appliesTo(context.os().wire())) {
          for (Path p : expand(spec.path())) {
            out.add(new Target(client, spec, p, Scope.parse(spec.scope())));
          }
        }
      }
    }
    return out;
  }

  /** Every client's project files inside one project folder. */
  List<Target> projectFiles(Path dir) {
    List<Target> out = new ArrayList<>();
    for (ClientSpec client : catalog.clients()) {
      for (FileSpec spec : client.projectFiles()) {
        if (spec.appliesTo(context.os().wire()) && installed(spec)) {
          for (Path p : Globs.expand(dir, spec.path())) {
            out.add(new Target(client, spec, p, Scope.PROJECT));
          }
        }
      }
    }
    return out;
  }

  /**
   * Whether a file that needs its client installed ({@code requires}) may be read: another client's
   * {@code .mcp.json} is this one's too only where this one is present. Asked once per spec and
   * scan.
   */
  private boolean installed(FileSpec spec) {
    if (spec.requires().isEmpty()) {
      return true;
    }
    Boolean known = present.get(spec);
    if (known == null) {
      known = false;
      for (String r : spec.requires()) {
        for (Path p : expand(r)) {
          known |= Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        }
      }
      present.put(spec, known);
    }
    return known;
  }

  /** Project folders the clients themselves recorded (opened workspaces, trusted projects). */
  Set<Path> registeredProjects(DocumentCache docs) {
    Set<Path> out = new LinkedHashSet<>();
    for (ClientSpec client : catalog.clients()) {
      for (RegistrySpec reg : client.registries()) {
        if (!reg.appliesTo(context.os().wire())) {
          continue;
        }
        for (Path file : expand(reg.path())) {
          Optional<Doc> doc = docs.parsed(file, reg.format());
          JsonNode root = doc.map(Doc::root).orElse(null);
          if (root == null) {
            continue;
          }
          if (reg.keysOf() != null && root.path(reg.keysOf()).isObject()) {
            for (Iterator<String> it = root.path(reg.keysOf()).fieldNames(); it.hasNext(); ) {
              toPath(it.next()).ifPresent(out::add);
            }
          }
          if (reg.valuesAt() != null && root.path(reg.valuesAt()).isArray()) {
            for (JsonNode v : root.path(reg.valuesAt())) {
              if (v.isTextual()) {
                toPath(v.asText()).ifPresent(out::add);
              }
            }
          }
          if (reg.valueAt() != null && root.path(reg.valueAt()).isTextual()) {
            // A multi-root workspace names its .code-workspace file; its folder is the project.
            toPath(root.path(reg.valueAt()).asText())
                .map(p -> p.toString().endsWith(".code-workspace") ? p.getParent() : p)
                .ifPresent(out::add);
          }
        }
      }
    }
    return out;
  }

  /** A catalog path: {@code {root}/rest} or {@code {env:NAME}/rest}, with globs expanded. */
  List<Path> expand(String template) {
    return Globs.expandTemplate(template, context, Map.of());
  }

  /** A project path or {@code file://} URI from a registry, if it may be read in this scan. */
  Optional<Path> toPath(String raw) {
    String s = raw;
    if (s.startsWith("file://")) {
      try {
        s = URLDecoder.decode(URI.create(s).getRawPath(), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (context.os() == Os.WINDOWS && s.matches("^/[A-Za-z]:.*")) {
        s = s.substring(1);
      }
    } else if (s.contains("://")) {
      return Optional.empty(); // remote workspaces (vscode-remote://) are not on this disk
    }
    Optional<Path> p = safePath(s).filter(Path::isAbsolute).map(Path::normalize);
    if (!context.layout().realMachine()) {
      p = p.filter(path -> path.startsWith(context.home()));
    }
    return p;
  }

  private static Optional<Path> safePath(String s) {
    try {
      return Optional.of(Path.of(s));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
