package dev.daylight.agent.installed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the packages really on disk: the npx cache, global npm and bun installs, uv tools, the uv
 * cache and pipx venvs. Reads files only; a missing folder is normal, an unreadable manifest is one
 * {@link ScanError}.
 */
public final class InstalledScanner {
  private static final Logger LOG = LoggerFactory.getLogger(InstalledScanner.class);

  /** The uv cache holds unpacked wheels a few levels below {@code archive-v0/<hash>/}. */
  private static final int UV_CACHE_DEPTH = 6;

  /** Manifests are a few KB; a published package.json stays far below this. */
  private static final long MANIFEST_MAX_BYTES = 4L * 1024 * 1024;

  public record Result(List<InstalledPackage> packages, List<ScanError> errors) {}

  private final List<InstalledPackage> found = new ArrayList<>();
  private final List<ScanError> errors = new ArrayList<>();
  private final FileAccess access;

  private InstalledScanner(FileAccess access) {
    this.access = access;
  }

  public static Result scan(ScanContext ctx) {
    FileAccess access = FileAccess.of(ctx.layout());
    Locations where = Locations.of(ctx, access);
    InstalledScanner s = new InstalledScanner(access);
    s.errors.addAll(where.errors());
    where.npmCache().ifPresent(s::npxCache);
    where.npmGlobal().forEach(d -> s.nodeModules(d, "npm-global", null));
    where.bunGlobal().forEach(d -> s.nodeModules(d, "bun-global", null));
    where.uvTools().forEach(s::uvTools);
    where.uvCache().forEach(s::uvCache);
    where.pipxVenvs().forEach(s::pipx);
    return new Result(List.copyOf(s.found), List.copyOf(s.errors));
  }

  /** {@code _npx/<hash>/node_modules/<name>}: the packages each npx run asked for. */
  private void npxCache(Path cache) {
    for (Path run : list(cache.resolve("_npx"))) {
      Set<String> wanted = requested(run.resolve("package.json"));
      nodeModules(run.resolve("node_modules"), "npx-cache", wanted.isEmpty() ? null : wanted);
    }
  }

  /** The dependency names npx wrote into the run's own package.json; empty when absent. */
  private Set<String> requested(Path packageJson) {
    Set<String> names = new LinkedHashSet<>();
    Optional<byte[]> bytes = bytes(packageJson);
    if (bytes.isPresent()) {
      try {
        JsonNode deps = JsonTrees.read(bytes.get()).path("dependencies");
        for (Iterator<String> it = deps.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
      } catch (IOException e) {
        // Jackson's message quotes the file; only the position is passed on.
        errors.add(
            new ScanError(packageJson.toString(), "unreadable package.json" + Manifests.where(e)));
      }
    }
    return names;
  }

  /** Top-level packages of a {@code node_modules} folder (scoped ones one level down). */
  private void nodeModules(Path dir, String source, Set<String> only) {
    for (Path entry : list(dir)) {
      String n = entry.getFileName().toString();
      if (n.startsWith(".")) {
        continue;
      }
      List<Path> packages = n.startsWith("@") ? list(entry) : List.of(entry);
      for (Path pkg : packages) {
        String name = n.startsWith("@") ? n + "/" + pkg.getFileName() : n;
        if (only == null || only.contains(name)) {
          manifest(pkg, pkg.resolve("package.json"), source, Manifests::packageJson, "npm");
        }
      }
    }
  }

  /** {@code <tools>/<name>/}: a venv per tool; the tool's own dist-info names its version. */
  private void uvTools(Path tools) {
    for (Path tool : list(tools)) {
      String wanted = Manifests.pypiPurl(tool.getFileName().toString(), null);
      distInfos(tool, 5).stream()
          .filter(
              m ->
                  bytes(m)
                      .flatMap(Manifests::coreMetadata)
                      .map(nv -> Manifests.pypiPurl(nv.name(), null).equals(wanted))
                      .orElse(false))
          .findFirst()
          .ifPresent(m -> manifest(tool, m, "uv-tool", Manifests::coreMetadata, "PyPI"));
    }
  }

  /** Unpacked wheels in the uv cache: what {@code uvx} ran. */
  private void uvCache(Path cache) {
    for (Path archive : list(cache)) {
      if (archive.getFileName().toString().startsWith("archive-v")) {
        for (Path metadata : distInfos(archive, UV_CACHE_DEPTH)) {
          manifest(metadata.getParent(), metadata, "uv-cache", Manifests::coreMetadata, "PyPI");
        }
      }
    }
  }

  private void pipx(Path venvs) {
    for (Path venv : list(venvs)) {
      Path meta = venv.resolve("pipx_metadata.json");
      if (Files.isRegularFile(meta)) {
        manifest(venv, meta, "pipx", Manifests::pipxMetadata, "PyPI");
      }
    }
  }

  private void manifest(
      Path installPath,
      Path file,
      String source,
      Function<byte[], Optional<Manifests.NameVersion>> parse,
      String ecosystem) {
    Optional<byte[]> read = bytes(file);
    if (read.isEmpty()) {
      return;
    }
    byte[] b = read.get();
    Optional<Manifests.NameVersion> nv = parse.apply(b);
    if (nv.isEmpty()) {
      errors.add(new ScanError(file.toString(), "no package name in " + file.getFileName()));
      return;
    }
    String name = nv.get().name();
    String version = nv.get().version();
    String purl =
        ecosystem.equals("npm")
            ? Manifests.npmPurl(name, version)
            : Manifests.pypiPurl(name, version);
    found.add(
        new InstalledPackage(
            purl,
            ecosystem,
            name,
            version,
            source,
            installPath.toString(),
            DigestUtils.sha256Hex(b),
            null,
            null));
  }

  private List<Path> distInfos(Path root, int depth) {
    if (!Files.isDirectory(root) || !access.mayReadFolder(root)) {
      return List.of();
    }
    try (Stream<Path> s =
        Files.find(
            root,
            depth,
            (p, a) -> a.isDirectory() && p.getFileName().toString().endsWith(".dist-info"))) {
      return s.map(p -> p.resolve("METADATA")).filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      LOG.debug("cannot walk {}: {}", root, e.getMessage());
      return List.of();
    }
  }

  /** A manifest's bytes through the scan's file access; a refusal is one error, absence none. */
  private Optional<byte[]> bytes(Path file) {
    FileAccess.Read read = access.read(file, MANIFEST_MAX_BYTES);
    if (read instanceof FileAccess.Refused r && !r.reason().startsWith("is a directory")) {
      errors.add(new ScanError(file.toString(), r.reason()));
    }
    return read instanceof FileAccess.Content c ? Optional.of(c.bytes()) : Optional.empty();
  }

  /**
   * The folders in {@code dir}; a folder reached through a link out of the home is not listed (its
   * names are not the user's).
   */
  private List<Path> list(Path dir) {
    if (!Files.isDirectory(dir) || !access.mayReadFolder(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      LOG.debug("cannot list {}: {}", dir, e.getMessage());
      return List.of();
    }
  }
}
