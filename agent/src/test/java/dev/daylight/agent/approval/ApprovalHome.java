package dev.daylight.agent.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.cli.CliAccess;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** A fake Linux home and a state folder, scanned and reviewed through the real CLI. */
final class ApprovalHome {
  final Path home;
  final Path state;
  String out;
  String err;

  ApprovalHome(Path home, Path state) {
    this.home = home;
    this.state = state;
  }

  void write(String rel, String text) {
    try {
      Path f = home.resolve(rel);
      Files.createDirectories(f.getParent());
      Files.writeString(f, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An npx run of {@code name@version} whose code is {@code index.js}. */
  void npx(String run, String name, String version, String indexJs) {
    Path dir = home.resolve(".npm/_npx").resolve(run);
    write(
        home.relativize(dir.resolve("package.json")).toString(),
        "{\"dependencies\":{\"" + name + "\":\"^" + version + "\"}}");
    Path pkg = dir.resolve("node_modules").resolve(name);
    write(
        home.relativize(pkg.resolve("package.json")).toString(),
        "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"main\": \"index.js\"}");
    write(home.relativize(pkg.resolve("index.js")).toString(), indexJs);
  }

  /** One stored scan; its JSON inventory. */
  JsonNode scan(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "scan",
                "--home",
                home.toString(),
                "--os",
                "linux",
                "--no-host",
                "--format",
                "json"));
    args.addAll(List.of(extra));
    int code = run(args.toArray(String[]::new));
    if (code != 0) {
      throw new AssertionError("scan exited " + code + ": " + err);
    }
    try {
      return Json.mapper().readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state-dir");
    all.add(state.toString());
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cli = CliAccess.commandLine();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    int code = cli.execute(all.toArray(String[]::new));
    out = o.toString();
    err = e.toString();
    return code;
  }

  static JsonNode server(JsonNode inventory, String name) {
    for (JsonNode s : inventory.path("servers")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no server " + name + " in " + inventory.path("servers"));
  }

  static List<JsonNode> findings(JsonNode inventory, String rule) {
    List<JsonNode> found = new ArrayList<>();
    inventory
        .path("findings")
        .forEach(
            f -> {
              if (f.path("rule").asText().equals(rule)) {
                found.add(f);
              }
            });
    return found;
  }

  static List<String> classes(JsonNode server) {
    List<String> out = new ArrayList<>();
    server.path("capabilities").forEach(c -> out.add(c.path("class").asText()));
    return out;
  }
}
