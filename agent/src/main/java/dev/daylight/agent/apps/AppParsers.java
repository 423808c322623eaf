package dev.daylight.agent.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure parsers for what the app sources read, tested on fixture text. */
final class AppParsers {
  private static final Pattern PLIST_VERSION =
      Pattern.compile(
          "<key>\\s*(CFBundleShortVersionString|CFBundleVersion)\\s*</key>\\s*<string>\\s*([^<]+?)\\s*</string>");
  private static final Pattern EXTENSION_FOLDER =
      Pattern.compile("^([a-z0-9-]+\\.[a-z0-9-]+)-(\\d[^-]*(?:-[a-z0-9]+)*)$");

  private AppParsers() {}

  /**
   * The app version of an XML {@code Info.plist}: the short version string, else the bundle
   * version.
   */
  static Optional<String> plistVersion(String xml) {
    Matcher m = PLIST_VERSION.matcher(xml);
    String fallback = null;
    while (m.find()) {
      if (m.group(1).equals("CFBundleShortVersionString")) {
        return Optional.of(m.group(2));
      }
      fallback = m.group(2);
    }
    return Optional.ofNullable(fallback);
  }

  record Extension(String id, String version) {}

  /**
   * Entries of a VS Code-family {@code extensions.json}: identifier id (lower case) and version.
   */
  static List<Extension> extensionsJson(byte[] bytes) throws IOException {
    List<Extension> out = new ArrayList<>();
    for (JsonNode e : JsonTrees.read(bytes)) {
      String id = e.path("identifier").path("id").asText("");
      if (!id.isEmpty()) {
        out.add(
            new Extension(id.toLowerCase(java.util.Locale.ROOT), e.path("version").asText(null)));
      }
    }
    return out;
  }

  /** An extension folder name ({@code saoudrizwan.claude-dev-3.17.0}) as id and version. */
  static Optional<Extension> extensionFolder(String folder) {
    Matcher m = EXTENSION_FOLDER.matcher(folder.toLowerCase(java.util.Locale.ROOT));
    return m.matches() ? Optional.of(new Extension(m.group(1), m.group(2))) : Optional.empty();
  }

  record UninstallEntry(String displayName, String displayVersion, String installLocation) {}

  /**
   * Output of {@code reg query <Uninstall key> /s}: blocks per subkey, lines {@code DisplayName
   * REG_SZ Cursor (User)}.
   */
  static List<UninstallEntry> regQuery(String text) {
    List<UninstallEntry> out = new ArrayList<>();
    String name = null;
    String version = null;
    String location = null;
    for (String raw : (text + "\nHKEY_END").split("\r?\n")) {
      if (raw.startsWith("HKEY_")) {
        if (name != null) {
          out.add(new UninstallEntry(name, version, location));
        }
        name = version = location = null;
        continue;
      }
      String[] f = raw.trim().split("\\s{2,}|\\t", 3);
      if (f.length == 3 && f[1].startsWith("REG_")) {
        switch (f[0]) {
          case "DisplayName" -> name = f[2].trim();
          case "DisplayVersion" -> version = f[2].trim();
          case "InstallLocation" -> location = f[2].trim();
          default -> {}
        }
      }
    }
    return out;
  }

  /** {@code version} of an Electron app's {@code resources/app/package.json}. */
  static Optional<String> packageVersion(byte[] bytes) {
    try {
      return Optional.ofNullable(JsonTrees.read(bytes).path("version").asText(null));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
