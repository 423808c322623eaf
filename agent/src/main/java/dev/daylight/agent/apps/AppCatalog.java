package dev.daylight.agent.apps;

import static dev.daylight.agent.json.JsonTrees.list;
import static dev.daylight.agent.json.JsonTrees.map;
import static dev.daylight.agent.json.JsonTrees.strings;
import static dev.daylight.agent.json.JsonTrees.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The known AI apps, editors and plugins, read from {@code known-apps.json}. */
record AppCatalog(
    List<App> apps,
    List<Editor> editors,
    Map<String, String> extensions,
    Map<String, String> jetbrainsPlugins) {
  AppCatalog {
    apps = orEmpty(apps);
    editors = orEmpty(editors);
    extensions = extensions == null ? Map.of() : extensions;
    jetbrainsPlugins = jetbrainsPlugins == null ? Map.of() : jetbrainsPlugins;
  }

  record App(
      String id,
      String name,
      String kind,
      List<String> macApp,
      List<String> windowsPrograms,
      List<String> windowsUninstall,
      List<String> desktop,
      List<String> snap,
      List<String> flatpak,
      List<String> cli,
      List<String> processes,
      List<Integer> ports,
      List<String> modelDirs,
      List<String> dataDirs) {
    App {
      macApp = orEmpty(macApp);
      windowsPrograms = orEmpty(windowsPrograms);
      windowsUninstall = orEmpty(windowsUninstall);
      desktop = orEmpty(desktop);
      snap = orEmpty(snap);
      flatpak = orEmpty(flatpak);
      cli = orEmpty(cli);
      processes = orEmpty(processes);
      ports = orEmpty(ports);
      modelDirs = orEmpty(modelDirs);
      dataDirs = orEmpty(dataDirs);
    }
  }

  record Editor(String id, String name, String dir) {}

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  static AppCatalog load() {
    try (InputStream in = AppCatalog.class.getResourceAsStream("known-apps.json")) {
      if (in == null) {
        throw new IllegalStateException("known-apps.json missing from the jar");
      }
      return read(JsonTrees.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * From the tree, not by record binding: the scan's stages read this while discovery runs, and a
   * mapper's deserializers for these records cost more than the rest of the stage.
   */
  private static AppCatalog read(JsonNode root) throws IOException {
    if (!root.isObject()) {
      throw new IOException("known-apps.json is not a JSON object");
    }
    List<App> apps = new ArrayList<>();
    for (JsonNode a : root.path("apps")) {
      apps.add(
          new App(
              text(a, "id"),
              text(a, "name"),
              text(a, "kind"),
              strings(a, "macApp"),
              strings(a, "windowsPrograms"),
              strings(a, "windowsUninstall"),
              strings(a, "desktop"),
              strings(a, "snap"),
              strings(a, "flatpak"),
              strings(a, "cli"),
              strings(a, "processes"),
              list(a, "ports", JsonNode::asInt),
              strings(a, "modelDirs"),
              strings(a, "dataDirs")));
    }
    List<Editor> editors = new ArrayList<>();
    for (JsonNode e : root.path("editors")) {
      editors.add(new Editor(text(e, "id"), text(e, "name"), text(e, "dir")));
    }
    return new AppCatalog(apps, editors, map(root, "extensions"), map(root, "jetbrainsPlugins"));
  }
}
