package dev.daylight.agent.usage;

import dev.daylight.agent.allusers.AllUsers;
import dev.daylight.agent.platform.Accounts;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import dev.daylight.protocol.UsageDay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ledger as a scan uses it: bring it up to date, then give each server its usage. */
public final class Usage {
  /** The usage window when none is given. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

  private Usage() {}

  /** The inventory with usage, and the per-day counts its report carries. */
  public record Read(Inventory inventory, List<UsageDay> days) {}

  /** As {@link #attach}, with the per-day counts from the window's first day on. */
  public static Read read(
      Inventory inventory, ScanContext context, Store store, Path stateDir, Instant since) {
    return read(inventory, List.of(context), store, stateDir, since);
  }

  /**
   * As {@link #read(Inventory, ScanContext, Store, Path, Instant)} over several homes ({@link
   * #homes}).
   */
  public static Read read(
      Inventory inventory, List<ScanContext> homes, Store store, Path stateDir, Instant since) {
    Inventory with = attach(inventory, homes, store, stateDir, since);
    List<UsageDay> days =
        UsageSummary.days(
            with.servers(), store.usageSince(since), LocalDate.ofInstant(since, ZoneOffset.UTC));
    return new Read(with, days);
  }

  /**
   * Reads what the clients recorded since the last pass into {@code store} and returns the
   * inventory with each server's usage from {@code since} on; unreadable record files become {@code
   * errors[]} entries.
   */
  public static Inventory attach(
      Inventory inventory, ScanContext context, Store store, Path stateDir, Instant since) {
    return attach(inventory, List.of(context), store, stateDir, since);
  }

  /**
   * As {@link #attach(Inventory, ScanContext, Store, Path, Instant)} over several homes, the
   * agent's own first: an all-users scan reads every account's records, each account's calls going
   * to that account's servers.
   */
  public static Inventory attach(
      Inventory inventory, List<ScanContext> homes, Store store, Path stateDir, Instant since) {
    Ledger.Pass pass = Ledger.bundled().update(homes, store, knownServers(inventory), stateDir);
    Inventory withUsage =
        UsageSummary.attach(inventory, store.usageSince(since), versionSince(inventory, store));
    if (pass.errors().isEmpty()) {
      return withUsage;
    }
    List<ScanError> errors = new ArrayList<>(withUsage.errors());
    errors.addAll(pass.errors());
    return withUsage.toBuilder().errors(errors).build();
  }

  /**
   * When each server's current package version appeared: the last stored scan's end when this scan
   * sees a different version (the change happened since), else the latest package-version-changed
   * event of the server. Servers whose version never changed have none.
   */
  static Map<String, Instant> versionSince(Inventory inventory, Store store) {
    Map<String, Instant> out = new HashMap<>();
    Map<String, String> before = new HashMap<>();
    store
        .latest()
        .ifPresent(
            prev ->
                prev.servers()
                    .forEach(
                        s -> {
                          if (s.pkg() != null && s.pkg().version() != null) {
                            before.put(s.id(), s.pkg().version());
                          }
                        }));
    Instant previousScan =
        store
            .lastScan()
            .map(x -> x.finishedAt() != null ? x.finishedAt() : x.storedAt())
            .orElse(null);
    Map<String, Instant> changed = new HashMap<>();
    for (ChangeEvent e : store.events(Optional.empty())) {
      if ("package-version-changed".equals(e.type()) && e.serverId() != null) {
        changed.merge(e.serverId(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    for (McpServer s : inventory.servers()) {
      if (s.pkg() == null || s.pkg().version() == null) {
        continue;
      }
      String was = before.get(s.id());
      if (was != null && !was.equals(s.pkg().version()) && previousScan != null) {
        out.put(s.id(), previousScan);
      } else if (changed.containsKey(s.id())) {
        out.put(s.id(), changed.get(s.id()));
      }
    }
    return out;
  }

  /**
   * The homes whose records a scan reads: the scanned one, or for an all-users scan every
   * account's, the agent's own first and each named by its account (as the scan tags servers).
   */
  public static List<ScanContext> homes(ScanContext own, boolean allUsers) {
    if (!allUsers) {
      return List.of(own);
    }
    List<ScanContext> out = new ArrayList<>();
    for (ScanContext c : AllUsers.contexts(own)) {
      if (c.osUser().isEmpty()) {
        Optional<String> name =
            Accounts.onThisMachine(own.layout()).stream()
                .filter(a -> a.home().equals(c.home()))
                .map(Accounts.Account::name)
                .findFirst();
        out.add(name.map(c::withOsUser).orElse(c));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Configured server names per client, which split recorded tool names such as mcp_my_server_x.
   */
  static Map<String, Set<String>> knownServers(Inventory inventory) {
    Map<String, Set<String>> out = new HashMap<>();
    for (McpServer s : inventory.servers()) {
      out.computeIfAbsent(s.client(), c -> new HashSet<>()).add(s.name());
    }
    return out;
  }
}
