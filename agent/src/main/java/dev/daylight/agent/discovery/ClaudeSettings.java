package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.catalog.Catalog.FileSpec;
import dev.daylight.agent.catalog.Catalog.Format;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import dev.daylight.protocol.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claude Code's settings files where the catalog places them (managed, user, project, local), each
 * parsed once per scan. A file that exists but is not a JSON object is one error and adds no
 * settings, as Claude Code itself ignores a managed file it cannot parse and rejects a broken user
 * or project file as a whole.
 */
final class ClaudeSettings {
  static final String CLIENT = "claude-code";

  /** One settings file's content, and where it sits in the precedence order. */
  record Layer(Scope scope, Path path, JsonNode root) {
    boolean managed() {
      return scope == Scope.SYSTEM;
    }
  }

  private final Optional<ClientSpec> client;
  private final Locator locator;
  private final DocumentCache docs;
  private final Consumer<ScanError> errors;
  // By identity: a spec is one catalog object, and a record's generated hashCode costs its first
  // caller a method-handle bootstrap (ObjectMethods) on the scan's start-up path.
  private final Map<FileSpec, List<Layer>> machine = new IdentityHashMap<>();
  private final Map<Path, List<Layer>> byProject = new HashMap<>();

  ClaudeSettings(Catalog catalog, Locator locator, DocumentCache docs, Consumer<ScanError> errors) {
    this.client = catalog.client(CLIENT);
    this.locator = locator;
    this.docs = docs;
    this.errors = errors;
  }

  /** The layers that apply outside any project (user, then managed), lowest precedence first. */
  List<Layer> outsideProjects() {
    List<Layer> out = new ArrayList<>();
    for (FileSpec spec : specs()) {
      if (!"project".equals(spec.scope())) {
        out.addAll(machine(spec));
      }
    }
    return out;
  }

  /** Every layer that applies inside one project folder, lowest precedence first. */
  List<Layer> forProject(Path project) {
    return byProject.computeIfAbsent(
        project,
        dir -> {
          List<Layer> out = new ArrayList<>();
          for (FileSpec spec : specs()) {
            if ("project".equals(spec.scope())) {
              Globs.expand(dir, spec.path())
                  .forEach(p -> load(Scope.PROJECT, p).ifPresent(out::add));
            } else {
              out.addAll(machine(spec));
            }
          }
          return List.copyOf(out);
        });
  }

  /** The files that keep servers per project ({@code ~/.claude.json}), parsed, for approvals. */
  List<JsonNode> projectRecords() {
    List<JsonNode> out = new ArrayList<>();
    for (FileSpec spec : serverFiles()) {
      if (spec.projectServers() != null) {
        for (Path p : locator.expand(spec.path())) {
          docs.parsed(p, spec.format())
              .map(Doc::root)
              .filter(JsonNode::isObject)
              .ifPresent(out::add);
        }
      }
    }
    return out;
  }

  /**
   * The project a local-scope server of {@code ~/.claude.json} ({@code projects.<path>.mcpServers})
   * belongs to, found by the line its entry starts on; empty when that is not one entry.
   */
  Optional<Path> localProject(McpServer s) {
    if (s.line() == null) {
      return Optional.empty();
    }
    List<String> keys = new ArrayList<>();
    for (FileSpec spec : serverFiles()) {
      if (spec.projectServers() == null) {
        continue;
      }
      String[] around = spec.projectServers().split("\\*", 2);
      Pattern entry =
          Pattern.compile(
              Pattern.quote("/" + around[0])
                  + "([^/]*)"
                  + Pattern.quote(around[1] + "/" + Doc.child("", s.name()).substring(1)));
      for (Path p : locator.expand(spec.path())) {
        if (p.toString().equals(s.configPath())) {
          docs.parsed(p, spec.format())
              .ifPresent(
                  doc ->
                      doc.lines()
                          .forEach(
                              (pointer, line) -> {
                                Matcher m = entry.matcher(pointer);
                                if (line.equals(s.line()) && m.matches()) {
                                  keys.add(m.group(1).replace("~1", "/").replace("~0", "~"));
                                }
                              }));
        }
      }
    }
    return keys.size() == 1 ? locator.toPath(keys.get(0)) : Optional.empty();
  }

  /**
   * The managed server files ({@code managed-mcp.json}) present and readable: while one is, Claude
   * Code runs only the servers it defines.
   */
  List<Path> exclusiveServerFiles() {
    List<Path> out = new ArrayList<>();
    for (FileSpec spec : serverFiles()) {
      if ("system".equals(spec.scope())) {
        for (Path p : locator.expand(spec.path())) {
          if (docs.parsed(p, spec.format()).map(Doc::root).filter(JsonNode::isObject).isPresent()) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }

  private List<FileSpec> specs() {
    return client.map(ClientSpec::settings).orElse(List.of()).stream()
        .filter(s -> s.appliesTo(locator.osWire()))
        .toList();
  }

  private List<FileSpec> serverFiles() {
    return client.map(ClientSpec::files).orElse(List.of()).stream()
        .filter(s -> s.appliesTo(locator.osWire()))
        .toList();
  }

  private List<Layer> machine(FileSpec spec) {
    return machine.computeIfAbsent(
        spec,
        s -> {
          List<Layer> out = new ArrayList<>();
          Scope scope = Scope.parse(s.scope());
          locator.expand(s.path()).forEach(p -> load(scope, p).ifPresent(out::add));
          return List.copyOf(out);
        });
  }

  private Optional<Layer> load(Scope scope, Path path) {
    if (path.getFileName() != null && path.getFileName().toString().startsWith(".")) {
      return Optional.empty(); // hidden drop-in files are not read by Claude Code
    }
    return docs.settingsObject(path, Format.JSON, errors).map(root -> new Layer(scope, path, root));
  }
}
