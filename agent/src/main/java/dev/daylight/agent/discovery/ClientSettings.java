package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.catalog.Catalog.FileSpec;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import dev.daylight.protocol.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One client's settings files where its catalog entry places them ({@code settings}: user, project,
 * system), each parsed once per scan, lowest precedence first. A file that exists but is not an
 * object is one error and adds nothing.
 */
final class ClientSettings {
  /** One settings file's content, and where it sits in the precedence order. */
  record Layer(Scope scope, Path path, JsonNode root) {}

  private final ClientSpec client;
  private final Locator locator;
  private final DocumentCache docs;
  private final Consumer<ScanError> errors;
  private List<Layer> machine;
  private final Map<Path, List<Layer>> byProject = new HashMap<>();

  ClientSettings(
      ClientSpec client, Locator locator, DocumentCache docs, Consumer<ScanError> errors) {
    this.client = client;
    this.locator = locator;
    this.docs = docs;
    this.errors = errors;
  }

  /** The layers that apply to a server: a project's own only for that project's servers. */
  List<Layer> forServer(McpServer s) {
    Optional<Path> project =
        s.scope() == Scope.PROJECT ? projectOf(s.configPath()) : Optional.empty();
    if (project.isEmpty()) {
      return machine();
    }
    return byProject.computeIfAbsent(
        project.get(),
        dir -> {
          List<Layer> out = new ArrayList<>();
          for (FileSpec spec : specs()) {
            if ("project".equals(spec.scope())) {
              Globs.expand(dir, spec.path())
                  .forEach(p -> load(Scope.PROJECT, p, spec).ifPresent(out::add));
            } else {
              out.addAll(machine(spec));
            }
          }
          return List.copyOf(out);
        });
  }

  private List<Layer> machine() {
    if (machine == null) {
      List<Layer> out = new ArrayList<>();
      for (FileSpec spec : specs()) {
        if (!"project".equals(spec.scope())) {
          out.addAll(machine(spec));
        }
      }
      machine = List.copyOf(out);
    }
    return machine;
  }

  private List<Layer> machine(FileSpec spec) {
    List<Layer> out = new ArrayList<>();
    locator
        .expand(spec.path())
        .forEach(p -> load(Scope.parse(spec.scope()), p, spec).ifPresent(out::add));
    return out;
  }

  /** The project folder of a project config file: the file's path less its catalog path. */
  private Optional<Path> projectOf(String configPath) {
    Path file = Path.of(configPath);
    for (FileSpec spec : client.projectFiles()) {
      int depth = spec.path().split("/").length;
      Path dir = file;
      for (int i = 0; i < depth && dir != null; i++) {
        dir = dir.getParent();
      }
      if (dir != null && Globs.expand(dir, spec.path()).contains(file)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private List<FileSpec> specs() {
    return client.settings().stream().filter(s -> s.appliesTo(locator.osWire())).toList();
  }

  private Optional<Layer> load(Scope scope, Path path, FileSpec spec) {
    return docs.settingsObject(path, spec.format(), errors)
        .map(root -> new Layer(scope, path, root));
  }
}
