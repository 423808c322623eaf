package dev.daylight.agent.installed;

import dev.daylight.agent.intel.Ecosystems;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.ScanStage;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.ScanError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Adds what is installed to the inventory and gives each floating server the version that would
 * really run: the newest one in the cache its launcher uses (npx cache for npm, uv for PyPI),
 * marked {@code versionSource = cache}.
 */
public final class InstalledStage implements ScanStage {
  private static final Set<String> NPM_RUN_CACHES = Set.of("npx-cache");
  private static final Set<String> PYPI_RUN_CACHES = Set.of("uv-cache", "uv-tool", "pipx");

  @Override
  public Inventory apply(Inventory inventory, ScanContext context) {
    InstalledScanner.Result r = InstalledScanner.scan(context);
    List<McpServer> servers = inventory.servers().stream().map(s -> resolve(s, r.packages())).toList();
    List<InstalledPackage> packages = new ArrayList<>(inventory.packages());
    packages.addAll(r.packages());
    List<ScanError> errors = new ArrayList<>(inventory.errors());
    errors.addAll(r.errors());
    return new Inventory(inventory.schemaVersion(), inventory.scanId(), inventory.startedAt(),
        inventory.finishedAt(), inventory.host(), inventory.clients(), servers, packages,
        inventory.findings(), errors);
  }

  static McpServer resolve(McpServer server, List<InstalledPackage> installed) {
    PackageRef p = server.pkg();
    if (p == null || p.version() != null) {
      return server;
    }
    return newestCached(p, installed)
        .map(v -> server.withPackage(p.withResolvedVersion(v, "cache")))
        .orElse(server);
  }

  static Optional<String> newestCached(PackageRef p, List<InstalledPackage> installed) {
    Set<String> sources = switch (p.ecosystem()) {
      case "npm" -> NPM_RUN_CACHES;
      case "PyPI" -> PYPI_RUN_CACHES;
      default -> Set.of();
    };
    String want = Ecosystems.normaliseName(p.ecosystem(), p.name());
    Comparator<String> order = Ecosystems.versionOrder(p.ecosystem());
    return installed.stream()
        .filter(i -> sources.contains(i.source()) && i.version() != null)
        .filter(i -> i.ecosystem().equals(p.ecosystem()) && Ecosystems.normaliseName(i.ecosystem(), i.name()).equals(want))
        .map(InstalledPackage::version)
        .max(order);
  }
}
