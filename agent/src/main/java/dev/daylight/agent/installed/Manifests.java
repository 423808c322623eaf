package dev.daylight.agent.installed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Pure parsers for package manifests, tested on fixture text. */
final class Manifests {
  private Manifests() {}

  record NameVersion(String name, String version) {}

  /** {@code name} and {@code version} of an npm {@code package.json}. */
  static Optional<NameVersion> packageJson(byte[] bytes) {
    try {
      JsonNode n = JsonTrees.read(bytes);
      String name = n.path("name").asText(null);
      String version = n.path("version").asText(null);
      return name == null || name.isBlank()
          ? Optional.empty()
          : Optional.of(new NameVersion(name, version));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code Name:} and {@code Version:} of a Python core-metadata file ({@code METADATA}, {@code
   * PKG-INFO}).
   */
  static Optional<NameVersion> coreMetadata(byte[] bytes) {
    String name = null;
    String version = null;
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
      if (line.isEmpty()) {
        break; // headers end at the first blank line; the long description follows
      }
      if (line.startsWith("Name:")) {
        name = line.substring(5).trim();
      } else if (line.startsWith("Version:")) {
        version = line.substring(8).trim();
      }
    }
    return name == null || name.isEmpty()
        ? Optional.empty()
        : Optional.of(new NameVersion(name, version));
  }

  /**
   * {@code main_package.package} and {@code package_version} of a pipx {@code pipx_metadata.json}.
   */
  static Optional<NameVersion> pipxMetadata(byte[] bytes) {
    try {
      JsonNode main = JsonTrees.read(bytes).path("main_package");
      String name = main.path("package").asText(null);
      String version = main.path("package_version").asText(null);
      return name == null || name.isBlank()
          ? Optional.empty()
          : Optional.of(new NameVersion(name, version));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The value of {@code key=} in an {@code .npmrc} (ini: {@code ;} and {@code #} comments). */
  static Optional<String> npmrc(String text, String key) {
    for (String raw : text.split("\r?\n")) {
      String line = raw.trim();
      if (line.startsWith(";") || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).trim().equals(key)) {
        String v = line.substring(eq + 1).trim();
        if (v.length() >= 2
            && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Where a parser stopped, never what it read: Jackson's messages quote the document. */
  static String where(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        && j.getLocation() != null
        && j.getLocation().getLineNr() > 0) {
      return " (malformed at line "
          + j.getLocation().getLineNr()
          + ", column "
          + j.getLocation().getColumnNr()
          + ")";
    }
    return " (malformed)";
  }

  static String npmPurl(String name, String version) {
    String n = name.startsWith("@") ? "%40" + name.substring(1) : name;
    return "pkg:npm/" + n + (version == null ? "" : "@" + version);
  }

  static String pypiPurl(String name, String version) {
    String n = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
    return "pkg:pypi/" + n + (version == null ? "" : "@" + version);
  }
}
