package dev.daylight.agent.apps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The known AI apps, editors and plugins, read from {@code known-apps.json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AppCatalog(List<App> apps, List<Editor> editors, Map<String, String> extensions,
    Map<String, String> jetbrainsPlugins) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record App(String id, String name, String kind, List<String> macApp, List<String> windowsPrograms,
      List<String> windowsUninstall, List<String> desktop, List<String> snap, List<String> flatpak,
      List<String> cli, List<String> processes, List<Integer> ports, List<String> modelDirs) {
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
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Editor(String id, String name, String dir) {}

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  static AppCatalog load() {
    try (InputStream in = AppCatalog.class.getResourceAsStream("known-apps.json")) {
      if (in == null) {
        throw new IllegalStateException("known-apps.json missing from the jar");
      }
      return Json.mapper().readValue(in, AppCatalog.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
