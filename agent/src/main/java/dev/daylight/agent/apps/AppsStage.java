package dev.daylight.agent.apps;

import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.ScanStage;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Inventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds installed AI apps (and, with host probes on the real machine, running processes and
 * listening ports) to {@code clients[]}. An app discovery already listed as an MCP client gets the
 * extra evidence and the version on its existing entry.
 */
public final class AppsStage implements ScanStage {
  @Override
  public Inventory apply(Inventory inventory, ScanContext context) {
    return prepare(context).apply(inventory, context);
  }

  /** Looks for apps (and probes the host) now: none of it depends on the inventory. */
  @Override
  public ScanStage prepare(ScanContext context) {
    List<Client> found = new ArrayList<>(AppScanner.scan(context));
    if (context.hostProbes() && context.layout().realMachine()) {
      found.addAll(HostProbe.probe(AppCatalog.load()));
    }
    return (inventory, ctx) -> withApps(found, inventory);
  }

  private static Inventory withApps(List<Client> found, Inventory inventory) {
    List<Client> merged = merge(inventory.clients(), found);
    return inventory.toBuilder().clients(merged).build();
  }

  static List<Client> merge(List<Client> existing, List<Client> found) {
    Map<String, Client> byId = new LinkedHashMap<>();
    for (Client c : existing) {
      byId.merge(c.id(), c, AppsStage::combine);
    }
    for (Client c : found) {
      byId.merge(c.id(), c, AppsStage::combine);
    }
    return List.copyOf(byId.values());
  }

  private static Client combine(Client a, Client b) {
    List<Evidence> evidence = new ArrayList<>(a.evidence());
    b.evidence().stream().filter(e -> !evidence.contains(e)).forEach(evidence::add);
    return new Client(
        a.id(),
        a.name(),
        a.kind(),
        a.version() != null ? a.version() : b.version(),
        evidence,
        a.osUser() != null ? a.osUser() : b.osUser());
  }
}
