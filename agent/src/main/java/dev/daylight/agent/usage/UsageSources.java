package dev.daylight.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.discovery.Globs;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The catalog of client record files ({@code usage/sources.json}) and where they are on a home. */
final class UsageSources {
  /**
   * One client's records in one format, on the listed OSes (all when empty); {@code builtins} are
   * the client's own tools whose names read like MCP ones.
   */
  record Source(
      String client,
      Format format,
      String naming,
      List<Os> os,
      List<String> paths,
      Set<String> builtins) {
    boolean appliesTo(Os o) {
      return os.isEmpty() || os.contains(o);
    }
  }

  /**
   * One file found for a source, in the home of {@code osUser} (empty: the scanning user's); {@code
   * access} reads that home's other files (a record's side files, such as Gemini's project marker).
   */
  record Located(Source source, Path file, String osUser, FileAccess access) {}

  /**
   * Most record files read in one home: a heavy user has thousands of sessions; a home made to hold
   * millions would otherwise make the pass list, stat and read them all.
   */
  static final int MAX_FILES = 50_000;

  private static final Logger LOG = LoggerFactory.getLogger(UsageSources.class);

  private static final String RESOURCE = "/dev/daylight/agent/usage/sources.json";

  private UsageSources() {}

  /** The bundled catalog, read once per process. */
  static List<Source> bundled() {
    return Bundled.SOURCES;
  }

  private static final class Bundled {
    static final List<Source> SOURCES = load();
  }

  static List<Source> load() {
    try (InputStream in = UsageSources.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return parse(JsonTrees.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static List<Source> parse(JsonNode root) {
    List<Source> out = new ArrayList<>();
    for (JsonNode s : root.path("sources")) {
      List<Os> os =
          strings(s, "os").stream().map(n -> Os.valueOf(n.toUpperCase(Locale.ROOT))).toList();
      out.add(
          new Source(
              required(s, "client"),
              Format.of(required(s, "format")),
              required(s, "naming"),
              os,
              strings(s, "paths"),
              Set.copyOf(strings(s, "builtins"))));
    }
    return out;
  }

  private static List<String> strings(JsonNode s, String field) {
    List<String> v = JsonTrees.strings(s, field);
    return v == null ? List.of() : v;
  }

  private static String required(JsonNode s, String field) {
    String v = JsonTrees.text(s, field);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("usage source without '" + field + "': " + s);
    }
    return v;
  }

  /**
   * Every existing record file of every source that applies to the scanned OS; {@code {state}} is
   * the agent's state folder (where the guard writes its spool), read with the agent's own home
   * only ({@code stateDir} null for another account's).
   */
  static List<Located> locate(List<Source> sources, ScanContext context, Path stateDir) {
    List<Located> out = new ArrayList<>();
    String user = context.osUser().orElse("");
    FileAccess access = FileAccess.of(context.layout());
    sources:
    for (Source s : sources) {
      if (!s.appliesTo(context.os())) {
        continue;
      }
      for (String template : s.paths()) {
        if (stateDir == null && template.startsWith("{state}")) {
          continue;
        }
        for (Path p : expand(template, context, stateDir)) {
          if (out.size() >= MAX_FILES) {
            LOG.warn(
                "usage records: more than {} record files in {}, the rest not read",
                MAX_FILES,
                context.home());
            break sources;
          }
          out.add(new Located(s, p, user, access));
        }
      }
    }
    return out;
  }

  private static List<Path> expand(String template, ScanContext context, Path stateDir) {
    return Globs.expandTemplate(
        template, context, stateDir == null ? Map.of() : Map.of("state", stateDir));
  }
}
