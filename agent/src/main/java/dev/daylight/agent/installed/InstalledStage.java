package dev.daylight.agent.installed;

import dev.daylight.agent.intel.Ecosystems;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.ScanStage;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.ScanError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Adds what is installed to the inventory and gives each floating server the version that would
 * really run: the newest one in the cache its launcher uses (npx cache for npm, uv for PyPI),
 * marked {@code versionSource = cache}. With host probes on the real machine, images that servers
 * run are looked up in the local Docker daemon (read-only) and floating tags get their digest.
 */
public final class InstalledStage implements ScanStage {
  private static final Set<String> NPM_RUN_CACHES = Set.of("npx-cache");
  private static final Set<String> PYPI_RUN_CACHES = Set.of("uv-cache", "uv-tool", "pipx");

  @Override
  public Inventory apply(Inventory inventory, ScanContext context) {
    return prepare(context).apply(inventory, context);
  }

  /** Reads the package caches now (they do not depend on the inventory); the rest is in apply. */
  @Override
  public ScanStage prepare(ScanContext context) {
    InstalledScanner.Result r = InstalledScanner.scan(context);
    return (inventory, ctx) -> withInstalled(r, inventory, ctx);
  }

  private static Inventory withInstalled(
      InstalledScanner.Result r, Inventory inventory, ScanContext context) {
    List<InstalledPackage> onDisk = new ArrayList<>(r.packages());
    if (dockerAllowed(context) && inventory.servers().stream().anyMatch(s -> isDocker(s.pkg()))) {
      dockerSockets(context).stream()
          .map(DockerImages::query)
          .flatMap(Optional::stream)
          .findFirst()
          .ifPresent(images -> onDisk.addAll(referencedImages(inventory.servers(), images)));
    }
    List<McpServer> servers = inventory.servers().stream().map(s -> resolve(s, onDisk)).toList();
    List<InstalledPackage> packages = new ArrayList<>(inventory.packages());
    packages.addAll(onDisk);
    List<ScanError> errors = new ArrayList<>(inventory.errors());
    errors.addAll(r.errors());
    return inventory.toBuilder().servers(servers).packages(packages).errors(errors).build();
  }

  /** Only on the real machine with host probes on: a fake home has no daemon of its own. */
  static boolean dockerAllowed(ScanContext ctx) {
    return ctx.hostProbes() && ctx.layout().realMachine() && ctx.os() != Os.WINDOWS;
  }

  static List<Path> dockerSockets(ScanContext ctx) {
    List<Path> sockets = new ArrayList<>();
    ctx.env("DOCKER_HOST")
        .filter(h -> h.startsWith("unix://"))
        .map(h -> Path.of(h.substring(7)))
        .ifPresent(sockets::add);
    sockets.add(Path.of("/var/run/docker.sock"));
    sockets.add(ctx.home().resolve(".docker/run/docker.sock"));
    ctx.env("XDG_RUNTIME_DIR").map(d -> Path.of(d, "docker.sock")).ifPresent(sockets::add);
    return sockets;
  }

  private static boolean isDocker(PackageRef p) {
    return p != null && "docker".equals(p.ecosystem());
  }

  /** The local images that servers run, with the digest the daemon holds for them. */
  static List<InstalledPackage> referencedImages(
      List<McpServer> servers, List<DockerImages.Image> images) {
    List<InstalledPackage> out = new ArrayList<>();
    for (McpServer s : servers) {
      PackageRef p = s.pkg();
      if (!isDocker(p) || p.version() == null || p.version().startsWith("sha256:")) {
        continue;
      }
      String ref = p.name() + ":" + p.version();
      for (DockerImages.Image image : images) {
        if (!image.repoTags().contains(ref)) {
          continue;
        }
        String digest =
            image.repoDigests().stream()
                .filter(d -> d.startsWith(p.name() + "@"))
                .map(d -> d.substring(d.indexOf('@') + 1))
                .findFirst()
                .orElse(image.id());
        String purl = "pkg:docker/" + p.name() + "@" + digest.replace(":", "%3A");
        InstalledPackage pkg =
            new InstalledPackage(
                purl,
                "docker",
                p.name(),
                digest,
                "docker",
                image.id(),
                digest.replaceFirst("^sha256:", ""),
                null,
                null);
        if (!out.contains(pkg)) {
          out.add(pkg);
        }
      }
    }
    return out;
  }

  static McpServer resolve(McpServer server, List<InstalledPackage> installed) {
    PackageRef p = server.pkg();
    if (isDocker(p) && !p.pinned()) {
      String ref = p.name();
      return installed.stream()
          .filter(i -> i.source().equals("docker") && i.name().equals(ref))
          .findFirst()
          .map(i -> server.withPackage(p.withResolvedVersion(i.version(), "cache")))
          .orElse(server);
    }
    if (p == null || p.version() != null) {
      return server;
    }
    return newestCached(p, installed)
        .map(v -> server.withPackage(p.withResolvedVersion(v, "cache")))
        .orElse(server);
  }

  static Optional<String> newestCached(PackageRef p, List<InstalledPackage> installed) {
    Set<String> sources =
        switch (p.ecosystem()) {
          case "npm" -> NPM_RUN_CACHES;
          case "PyPI" -> PYPI_RUN_CACHES;
          default -> Set.of();
        };
    String want = Ecosystems.normaliseName(p.ecosystem(), p.name());
    Comparator<String> order = Ecosystems.versionOrder(p.ecosystem());
    return installed.stream()
        .filter(i -> sources.contains(i.source()) && i.version() != null)
        .filter(
            i ->
                i.ecosystem().equals(p.ecosystem())
                    && Ecosystems.normaliseName(i.ecosystem(), i.name()).equals(want))
        .map(InstalledPackage::version)
        .max(order);
  }
}
