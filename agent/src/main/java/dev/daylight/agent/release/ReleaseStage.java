package dev.daylight.agent.release;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.ScanStage;
import dev.daylight.agent.store.Store;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints the installed package versions seen for the first time and adds the release review
 * of every server package version that needs one. Fingerprints are a cache kept in the store,
 * written here rather than with the scan: they belong to a package version, not to a scan, and must
 * outlive both the scan and the package cache. A scan that stores nothing reads no code.
 */
public final class ReleaseStage implements ScanStage {
  private final Path stateDir;

  public ReleaseStage(Path stateDir) {
    this.stateDir = stateDir;
  }

  @Override
  public Inventory apply(Inventory inventory, ScanContext context) {
    if (!context.store() || stateDir == null) {
      return withCapabilities(inventory, Map.of());
    }
    try (Store store = Store.open(stateDir)) {
      // Package folders are in the scanned home (or system locations), read as its account would.
      new Baselines(store).update(inventory.packages(), FileAccess.of(context.layout()));
      inventory = withCapabilities(inventory, store.capabilities());
      Reviewer reviewer = new Reviewer(store, inventory.packages());
      List<Finding> all = new ArrayList<>(inventory.findings());
      // One review per version; its findings are given to every server that runs it, so each
      // server (a tray card, a collector row) shows what its own version changed.
      Map<String, List<Finding>> reviewed = new HashMap<>();
      for (McpServer s : inventory.servers()) {
        PackageRef p = s.pkg();
        if (p == null || p.version() == null || p.purl() == null) {
          continue;
        }
        for (Finding f :
            reviewed.computeIfAbsent(
                Purls.base(p.purl()) + "@" + p.version(),
                k -> reviewer.review(p.purl(), p.ecosystem(), p.version(), null))) {
          all.add(ReleaseReview.forServer(f, s.id()));
        }
      }
      return all.size() == inventory.findings().size() ? inventory : inventory.withFindings(all);
    }
  }

  /** Each package with the capabilities stored with its fingerprint, or null and why. */
  static Inventory withCapabilities(
      Inventory inventory, Map<String, Store.StoredCapabilities> stored) {
    List<InstalledPackage> packages = new ArrayList<>(inventory.packages().size());
    for (InstalledPackage p : inventory.packages()) {
      Store.StoredCapabilities s =
          p.version() == null ? null : stored.get(Baselines.key(p.purl(), p.version()));
      if (s == null) {
        packages.add(
            p.withCapabilities(
                null,
                "docker".equals(p.ecosystem())
                    ? "container images are not read"
                    : "package code is read only by scans that keep a store (daylight capabilities DIR reads one folder)"));
      } else if (s.json() == null) {
        packages.add(p.withCapabilities(null, s.why()));
      } else {
        packages.add(p.withCapabilities(Baselines.capabilities(s.json()), null));
      }
    }
    return inventory.toBuilder().packages(packages).build();
  }
}
