package dev.daylight.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.catalog.Catalog.FileSpec;
import dev.daylight.agent.catalog.Catalog.Format;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.platform.Root;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every per-user and project location in the catalog, on every OS it names, holds a fixture server
 * that the real discovery finds under the right client: a catalog entry that points nowhere fails.
 */
class CatalogFixturesTest {
  @TempDir Path tmp;

  static Stream<Arguments> locations() {
    List<Arguments> out = new ArrayList<>();
    for (ClientSpec c : Catalog.builtIn().clients()) {
      for (FileSpec f : c.files()) {
        if (f.scope().equals("system")
            || f.path().startsWith("{env:")
            || !f.shape().equals("servers")
            || f.format() == Format.XML) {
          continue; // machine-wide, environment-driven and special shapes have their own tests
        }
        for (Os os : Os.values()) {
          if (f.appliesTo(os.wire())) {
            out.add(Arguments.of(c.id(), os, f, false));
          }
        }
      }
      for (FileSpec f : c.projectFiles()) {
        if (f.format() != Format.XML
            && f.requires().isEmpty()) { // those need their client: RealShapesTest
          out.add(Arguments.of(c.id(), Os.LINUX, f, true));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("locations")
  void eachLocationIsFound(String client, Os os, FileSpec spec, boolean project)
      throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path file =
        project
            ? home.resolve("work/app").resolve(concrete(spec.path()))
            : place(Layout.of(os, home), spec.path()).orElseThrow();
    Files.createDirectories(file.getParent());
    Files.writeString(file, fixture(spec));
    List<McpServer> found =
        new FakeHome(home, os)
            .scan().servers().stream().filter(s -> s.client().equals(client)).toList();
    assertThat(found)
        .as("%s reads %s", client, file)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("fx");
              assertThat(s.command()).isEqualTo("npx");
              assertThat(s.scope()).isEqualTo(project ? Scope.PROJECT : Scope.parse(spec.scope()));
              assertThat(s.line()).isNotNull();
            });
  }

  private static Optional<Path> place(Layout layout, String template) {
    int close = template.indexOf('}');
    Root root = Root.ofToken(template.substring(1, close));
    return layout.root(root).map(base -> base.resolve(concrete(template.substring(close + 2))));
  }

  /** A path that a glob matches: {@code *} becomes a name, {@code **} two folders. */
  private static String concrete(String glob) {
    return glob.replace("**", "p1/p2").replace("*", "fx1");
  }

  private static String fixture(FileSpec spec) {
    String[] path = spec.servers().get(0).split("/");
    if (spec.format() == Format.TOML) {
      return "[" + String.join(".", path) + ".fx]\ncommand = \"npx\"\nargs = [\"fx-mcp\"]\n";
    }
    String json = "{\"fx\": {\"command\": \"npx\", \"args\": [\"fx-mcp\"]}}";
    if (spec.servers().get(0).equals("mcpServers") && spec.format() == Format.YAML) {
      return "mcpServers:\n  - name: fx\n    command: npx\n    args: [fx-mcp]\n"; // Continue's list
    }
    for (int i = path.length - 1; i >= 0; i--) {
      json = "{\"" + path[i] + "\": " + json + "}";
    }
    return json; // JSON is also YAML
  }
}
