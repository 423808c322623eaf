package dev.daylight.agent.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.assess.Lookalikes;
import dev.daylight.agent.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The indicators in a package's manifest: npm install hooks and dependencies from {@code
 * package.json}; Python dependencies from core metadata ({@code Requires-Dist}), start-up hooks in
 * {@code .pth} files and custom install commands in {@code setup.py}.
 */
final class PackageManifest {
  private static final int TEXT_MAX = 300;

  private PackageManifest() {}

  /** Name and version, or nulls; throws on JSON that cannot be read. */
  record Identity(String name, String version) {}

  static Identity npmIdentity(byte[] bytes) throws IOException {
    JsonNode n = JsonTrees.read(bytes);
    return new Identity(n.path("name").asText(null), n.path("version").asText(null));
  }

  static List<Indicator> npm(IndicatorRules rules, String file, byte[] bytes) throws IOException {
    JsonNode n = JsonTrees.read(bytes);
    if (!n.isObject()) {
      throw new IOException("not a JSON object");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<Indicator> out = new ArrayList<>();
    JsonNode scripts = n.path("scripts");
    for (String hook : rules.npmHooks) {
      JsonNode cmd = scripts.get(hook);
      if (cmd != null && cmd.isTextual()) {
        int line = lineOf(text, "\"" + hook + "\"");
        out.add(
            new Indicator(
                "install-script",
                hook,
                Snippets.redact(cmd.asText()),
                file,
                line,
                cut(Snippets.redact(hook + ": " + cmd.asText()))));
      }
    }
    for (String field : List.of("dependencies", "optionalDependencies")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.path(field).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> dep = it.next();
        dependency(
            out,
            "npm",
            dep.getKey(),
            dep.getValue().asText(""),
            file,
            lineOf(text, "\"" + dep.getKey() + "\""));
      }
    }
    return out;
  }

  /**
   * The tools a {@code .mcpb} (or {@code .dxt}) manifest declares; nothing for any other {@code
   * manifest.json}.
   */
  static List<Indicator> mcpbTools(String file, byte[] bytes) {
    List<Indicator> out = new ArrayList<>();
    try {
      JsonNode n = JsonTrees.read(bytes);
      if (!n.has("manifest_version") && !n.has("dxt_version") && !n.has("server")) {
        return out;
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      for (JsonNode t : n.path("tools")) {
        String name = t.path("name").asText("");
        if (!name.isEmpty()) {
          out.add(
              new Indicator(
                  "tool",
                  "declared",
                  name,
                  file,
                  lineOf(text, "\"" + name + "\""),
                  cut("tool " + name)));
        }
      }
    } catch (IOException notJson) {
      // a manifest.json that is not JSON declares nothing
    }
    return out;
  }

  static Identity coreIdentity(byte[] bytes) {
    String name = null;
    String version = null;
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
      if (line.isEmpty()) {
        break;
      }
      if (line.startsWith("Name:")) {
        name = line.substring(5).trim();
      } else if (line.startsWith("Version:")) {
        version = line.substring(8).trim();
      }
    }
    return new Identity(name, version);
  }

  /** {@code Requires-Dist} lines without an {@code extra ==} marker: what always installs. */
  static List<Indicator> core(String file, byte[] bytes) {
    List<Indicator> out = new ArrayList<>();
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
    for (int k = 0; k < lines.length && !lines[k].isEmpty(); k++) {
      String l = lines[k];
      if (l.startsWith("Requires-Dist:") && !l.contains("extra ==") && !l.contains("extra==")) {
        String spec = l.substring("Requires-Dist:".length()).trim();
        String name = spec.split("[\\s;\\[<>=!~(@]", 2)[0];
        dependency(
            out,
            "PyPI",
            name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"),
            spec,
            file,
            k + 1);
      }
    }
    return out;
  }

  /** A {@code .pth} file's {@code import} lines run whenever Python starts. */
  static List<Indicator> pth(String file, String text) {
    List<Indicator> out = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int k = 0; k < lines.length; k++) {
      String l = lines[k].strip();
      if (l.startsWith("import ") || l.startsWith("import\t")) {
        out.add(new Indicator("install-script", "pth", l, file, k + 1, cut(Snippets.redact(l))));
      }
    }
    return out;
  }

  /** A {@code setup.py} that replaces install commands runs code when the package is built. */
  static List<Indicator> setupPy(String file, String text) {
    int at = text.indexOf("cmdclass");
    if (at < 0) {
      return List.of();
    }
    int line = lineOf(text, "cmdclass");
    String l = text.split("\r?\n", -1)[line - 1].strip();
    return List.of(
        new Indicator(
            "install-script",
            "setup-cmdclass",
            "setup.py cmdclass",
            file,
            line,
            cut(Snippets.redact(l))));
  }

  private static void dependency(
      List<Indicator> out, String ecosystem, String name, String spec, String file, int line) {
    String text = cut(name + " " + spec);
    boolean remote =
        spec.matches("(?i)^(https?:|git(\\+[a-z]+)?:|github:|gitlab:|bitbucket:|file:|link:).*")
            || spec.matches("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(#.*)?$")
            || spec.contains(" @ ");
    out.add(
        new Indicator("dependency", remote ? "remote-source" : "runtime", name, file, line, text));
    Lookalikes.of(ecosystem, name)
        .ifPresent(
            popular ->
                out.add(
                    new Indicator(
                        "dependency",
                        "lookalike",
                        name,
                        file,
                        line,
                        cut(name + " looks like " + popular))));
  }

  static int lineOf(String text, String needle) {
    int at = text.indexOf(needle);
    if (at < 0) {
      return 1;
    }
    int line = 1;
    for (int k = 0; k < at; k++) {
      if (text.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String cut(String s) {
    return s.length() <= TEXT_MAX ? s : s.substring(0, TEXT_MAX - 1) + "…";
  }
}
