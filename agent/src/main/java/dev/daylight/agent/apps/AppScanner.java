package dev.daylight.agent.apps;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.platform.Root;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds installed AI apps from files: app bundles, per-user Windows installs, Linux desktop
 * entries, snap and flatpak, editor extensions, JetBrains plugins, CLIs on PATH and local model
 * folders. Runs no program; machine-wide folders only on the real machine.
 */
public final class AppScanner {
  private static final long MAX_BYTES = 8L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(AppScanner.class);

  /** Per-user bin folders CLIs install into, looked at even when PATH is unknown (fake home). */
  private static final List<String> HOME_BINS =
      List.of(
          ".local/bin",
          "bin",
          ".npm-global/bin",
          ".bun/bin",
          ".cargo/bin",
          ".claude/local",
          ".opencode/bin",
          ".amp/bin",
          "AppData/Roaming/npm",
          "AppData/Local/Programs/Ollama",
          ".lmstudio/bin");

  private final AppCatalog catalog;
  private final ScanContext ctx;
  private final Sightings seen = new Sightings();
  private final FileAccess access;

  private AppScanner(AppCatalog catalog, ScanContext ctx) {
    this.catalog = catalog;
    this.ctx = ctx;
    this.access = FileAccess.of(ctx.layout());
  }

  public static List<Client> scan(ScanContext ctx) {
    AppScanner s = new AppScanner(AppCatalog.load(), ctx);
    s.run();
    return s.seen.clients(ctx.osUser().orElse(null));
  }

  private void run() {
    switch (ctx.os()) {
      case MACOS -> macApps();
      case WINDOWS -> {
        windowsPrograms();
        if (ctx.layout().realMachine() && ctx.hostProbes()) {
          WindowsUninstall.entries().forEach(this::uninstallEntry);
        }
      }
      case LINUX -> linuxDesktop();
    }
    extensions();
    jetbrains();
    clis();
    models();
    dataFolders();
  }

  private void macApps() {
    List<Path> roots = new ArrayList<>(List.of(ctx.home().resolve("Applications")));
    if (ctx.layout().realMachine()) {
      roots.add(Path.of("/Applications"));
    }
    for (AppCatalog.App app : catalog.apps()) {
      for (String bundle : app.macApp()) {
        for (Path root : roots) {
          Path b = root.resolve(bundle);
          if (Files.isDirectory(b)) {
            Optional<String> v =
                read(b.resolve("Contents/Info.plist")).flatMap(AppParsers::plistVersion);
            seen.add(
                app.id(),
                app.name(),
                app.kind(),
                v.orElse(null),
                new Evidence("app", b.toString(), null, bundle + v.map(x -> " " + x).orElse("")));
          }
        }
      }
    }
  }

  private void windowsPrograms() {
    Optional<Path> programs = ctx.layout().root(Root.LOCALAPPDATA).map(p -> p.resolve("Programs"));
    for (AppCatalog.App app : catalog.apps()) {
      for (String dir : app.windowsPrograms()) {
        programs
            .map(p -> p.resolve(dir))
            .filter(Files::isDirectory)
            .ifPresent(
                p -> {
                  Optional<String> v =
                      bytes(p.resolve("resources/app/package.json"))
                          .flatMap(AppParsers::packageVersion);
                  seen.add(
                      app.id(),
                      app.name(),
                      app.kind(),
                      v.orElse(null),
                      new Evidence("path", p.toString(), null, "installed for this user"));
                });
      }
    }
  }

  private void uninstallEntry(AppParsers.UninstallEntry e) {
    for (AppCatalog.App app : catalog.apps()) {
      if (app.windowsUninstall().stream().anyMatch(n -> e.displayName().startsWith(n))) {
        seen.add(
            app.id(),
            app.name(),
            app.kind(),
            e.displayVersion(),
            new Evidence("uninstall-entry", e.installLocation(), null, e.displayName()));
      }
    }
  }

  private void linuxDesktop() {
    Path data = ctx.layout().root(Root.XDG_DATA).orElse(ctx.home().resolve(".local/share"));
    List<Path> dirs =
        new ArrayList<>(
            List.of(
                data.resolve("applications"), data.resolve("flatpak/exports/share/applications")));
    List<Path> flatpaks = new ArrayList<>(List.of(data.resolve("flatpak/app")));
    if (ctx.layout().realMachine()) {
      dirs.addAll(
          List.of(
              Path.of("/usr/share/applications"),
              Path.of("/usr/local/share/applications"),
              Path.of("/var/lib/snapd/desktop/applications"),
              Path.of("/var/lib/flatpak/exports/share/applications")));
      flatpaks.add(Path.of("/var/lib/flatpak/app"));
    }
    for (AppCatalog.App app : catalog.apps()) {
      for (Path dir : dirs) {
        for (String d : app.desktop()) {
          Path f = dir.resolve(d + ".desktop");
          if (Files.isRegularFile(f)) {
            seen.add(
                app.id(),
                app.name(),
                app.kind(),
                null,
                new Evidence("file", f.toString(), null, "desktop entry"));
          }
        }
      }
      for (String id : app.flatpak()) {
        flatpaks.stream()
            .map(p -> p.resolve(id))
            .filter(Files::isDirectory)
            .forEach(
                p ->
                    seen.add(
                        app.id(),
                        app.name(),
                        app.kind(),
                        null,
                        new Evidence("path", p.toString(), null, "flatpak " + id)));
      }
      if (ctx.layout().realMachine()) {
        for (String snap : app.snap()) {
          Path p = Path.of("/snap", snap, "current");
          if (Files.isDirectory(p)) {
            seen.add(
                app.id(),
                app.name(),
                app.kind(),
                null,
                new Evidence("path", p.toString(), null, "snap " + snap));
          }
        }
      }
    }
  }

  private void extensions() {
    for (AppCatalog.Editor editor : catalog.editors()) {
      Path dir = ctx.home().resolve(editor.dir());
      List<AppParsers.Extension> installed = new ArrayList<>();
      Path index = dir.resolve("extensions.json");
      Optional<byte[]> json = bytes(index);
      if (json.isPresent()) {
        try {
          installed.addAll(AppParsers.extensionsJson(json.get()));
        } catch (IOException e) {
          LOG.warn(
              "unreadable {}: not an extension list",
              index); // the parser's message may quote the file
        }
      }
      if (installed.isEmpty()) {
        list(dir)
            .forEach(
                p ->
                    AppParsers.extensionFolder(p.getFileName().toString())
                        .ifPresent(installed::add));
      }
      for (AppParsers.Extension ext : installed) {
        String name = catalog.extensions().get(ext.id());
        if (name != null) {
          seen.add(
              editor.id() + "-ext:" + ext.id(),
              name + " (" + editor.name() + ")",
              "extension",
              ext.version(),
              new Evidence(
                  "extension",
                  dir.toString(),
                  null,
                  ext.id() + (ext.version() == null ? "" : "@" + ext.version())));
        }
      }
    }
  }

  private void jetbrains() {
    Path base =
        switch (ctx.os()) {
          case LINUX ->
              ctx.layout()
                  .root(Root.XDG_DATA)
                  .orElse(ctx.home().resolve(".local/share"))
                  .resolve("JetBrains");
          case MACOS -> ctx.home().resolve("Library/Application Support/JetBrains");
          case WINDOWS -> ctx.layout().root(Root.APPDATA).orElse(ctx.home()).resolve("JetBrains");
        };
    for (Path product : list(base)) {
      Path plugins = ctx.os() == Os.LINUX ? product : product.resolve("plugins");
      for (Path plugin : list(plugins)) {
        String folder = plugin.getFileName().toString();
        String name = catalog.jetbrainsPlugins().get(folder);
        if (name != null) {
          String ide = product.getFileName().toString();
          seen.add(
              "jetbrains-plugin:" + folder,
              name + " (JetBrains)",
              "plugin",
              null,
              new Evidence("path", plugin.toString(), null, ide + " plugin " + folder));
        }
      }
    }
  }

  private void clis() {
    List<Path> path = new ArrayList<>();
    String sep = ctx.os() == Os.WINDOWS ? ";" : ":";
    ctx.env("PATH")
        .ifPresent(
            p ->
                Stream.of(p.split(sep)).filter(s -> !s.isBlank()).map(Path::of).forEach(path::add));
    HOME_BINS.forEach(b -> path.add(ctx.home().resolve(b)));
    List<String> suffixes =
        ctx.os() == Os.WINDOWS ? List.of(".exe", ".cmd", ".bat", ".ps1") : List.of("");
    for (AppCatalog.App app : catalog.apps()) {
      for (String cli : app.cli()) {
        path.stream()
            .distinct()
            .flatMap(d -> suffixes.stream().map(s -> d.resolve(cli + s)))
            .filter(Files::isRegularFile)
            .findFirst()
            .ifPresent(
                f ->
                    seen.add(
                        app.id(),
                        app.name(),
                        app.kind(),
                        null,
                        new Evidence("path", f.toString(), null, cli + " on PATH")));
      }
    }
  }

  private void models() {
    for (AppCatalog.App app : catalog.apps()) {
      for (String dir : app.modelDirs()) {
        Path p = ctx.home().resolve(dir);
        if (Files.isDirectory(p)) {
          // A model folder linked out of the home still shows the runtime, not what is there.
          List<String> models = ModelFolders.list(app.id(), p, access);
          seen.add(
              app.id(),
              app.name(),
              app.kind(),
              null,
              new Evidence(
                  "path",
                  p.toString(),
                  null,
                  models.isEmpty() ? "model folder" : "models: " + String.join(", ", models)));
        }
      }
    }
  }

  /**
   * Apps that keep their MCP servers in their own database or local storage, where no config file
   * names them: their data folder is the evidence that they are here and may run servers.
   */
  private void dataFolders() {
    for (AppCatalog.App app : catalog.apps()) {
      for (String dir : app.dataDirs()) {
        ctx.layout()
            .expand(dir)
            .filter(Files::isDirectory)
            .ifPresent(
                p ->
                    seen.add(
                        app.id(),
                        app.name(),
                        app.kind(),
                        null,
                        new Evidence(
                            "path",
                            p.toString(),
                            null,
                            "app data; MCP servers kept in the app's own database")));
      }
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Version files and extension lists: small, bounded, and never followed out of the home. */
  private Optional<byte[]> bytes(Path f) {
    return access.read(f, MAX_BYTES) instanceof FileAccess.Content c
        ? Optional.of(c.bytes())
        : Optional.empty();
  }

  private Optional<String> read(Path f) {
    return bytes(f).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
  }
}
