package dev.daylight.agent.allusers;

import dev.daylight.agent.platform.Accounts;
import dev.daylight.agent.platform.Accounts.Account;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * An all-users scan ({@code --all-users}, the machine-wide service): every account's home is
 * scanned as that account's own layout and everything found is tagged with the account, then the
 * results become one inventory. Host probes and machine-wide config locations belong to the agent's
 * own scan (its real layout), so they run once, not once per user.
 */
public final class AllUsers {
  /**
   * How long one user's scan may take: a normal home takes well under a second; whatever one user's
   * files do to a scan, the others' go on.
   */
  static final Duration PER_USER = Duration.ofMinutes(2);

  private AllUsers() {}

  /**
   * @param scanner the scan the command would run for one context (discovery plus its stages)
   * @param own the agent's own context on this machine: probes, store, key and depth are kept
   * @param accounts the people with a home here ({@code Accounts.onThisMachine})
   */
  public static Inventory scan(
      Function<ScanContext, Inventory> scanner, ScanContext own, List<Account> accounts) {
    return scan(scanner, own, accounts, PER_USER);
  }

  /** As {@link #scan(Function, ScanContext, List)}, each user's scan bounded by {@code perUser}. */
  static Inventory scan(
      Function<ScanContext, Inventory> scanner,
      ScanContext own,
      List<Account> accounts,
      Duration perUser) {
    List<Inventory> parts = new ArrayList<>();
    List<ScanError> failures = new ArrayList<>();
    if (accounts.stream().noneMatch(a -> a.home().equals(own.home()))) {
      // LocalSystem or a service account: its home holds no person's clients, but its scan is
      // where the host probes and the machine-wide locations are.
      Bounded.run(() -> scanner.apply(own), perUser, "the agent's own account", failures)
          .ifPresent(parts::add);
    }
    // The agent's own account first: its part, with the host probes, gives the merged host.
    List<Account> ordered = new ArrayList<>(accounts);
    ordered.sort(Comparator.comparing(a -> !a.home().equals(own.home())));
    for (Account account : ordered) {
      ScanContext context =
          account.home().equals(own.home())
              ? own.withOsUser(account.name())
              : forAccount(own, account);
      Optional<Inventory> part =
          Bounded.run(() -> scanner.apply(context), perUser, account.name(), failures);
      part.ifPresent(p -> parts.add(tag(p, account.name())));
    }
    if (parts.isEmpty()) {
      Instant now = Instant.now();
      parts.add(
          Inventory.builder()
              .scanId(UUID.randomUUID().toString())
              .startedAt(now)
              .finishedAt(now)
              .host(new Host(null, null, own.os().wire(), null, null, null, null))
              .build());
    }
    Inventory merged = merge(parts);
    if (failures.isEmpty()) {
      return merged;
    }
    List<ScanError> errors = new ArrayList<>(merged.errors());
    errors.addAll(failures);
    return merged.toBuilder().errors(errors).build();
  }

  /**
   * Every context an all-users scan of this machine reads, the agent's own first: what the daemon
   * watches for changes. Accounts are listed anew each time, so a new user's home is picked up.
   */
  public static List<ScanContext> contexts(ScanContext own) {
    List<ScanContext> out = new ArrayList<>();
    out.add(own);
    for (Account account : Accounts.onThisMachine(own.layout())) {
      if (!account.home().equals(own.home())) {
        out.add(forAccount(own, account));
      }
    }
    return out;
  }

  /** Another user's home as that OS lays it out, with none of the agent's environment. */
  static ScanContext forAccount(ScanContext own, Account account) {
    return new ScanContext(
        own.layout().forHome(account.home()),
        Map.of(),
        false,
        own.store(),
        own.walkDepth(),
        own.fingerprintKey(),
        Optional.of(account.name()));
  }

  /** Fills {@code osUser} where discovery left it empty. */
  static Inventory tag(Inventory inventory, String user) {
    List<McpServer> servers =
        inventory.servers().stream()
            .map(s -> s.osUser() != null ? s : s.toBuilder().osUser(user).build())
            .toList();
    List<Client> clients =
        inventory.clients().stream()
            .map(
                c ->
                    c.osUser() != null
                        ? c
                        : new Client(c.id(), c.name(), c.kind(), c.version(), c.evidence(), user))
            .toList();
    return inventory.toBuilder().clients(clients).servers(servers).build();
  }

  /** One inventory from the parts: the first part's id, host and start, the last part's finish. */
  static Inventory merge(List<Inventory> parts) {
    Inventory first = parts.get(0);
    Inventory last = parts.get(parts.size() - 1);
    return first.toBuilder()
        .finishedAt(last.finishedAt())
        .clients(union(parts, Inventory::clients))
        .servers(union(parts, Inventory::servers))
        .packages(union(parts, Inventory::packages))
        .findings(union(parts, Inventory::findings))
        .errors(union(parts, Inventory::errors))
        .build();
  }

  private static <T> List<T> union(List<Inventory> parts, Function<Inventory, List<T>> field) {
    LinkedHashSet<T> all = new LinkedHashSet<>();
    parts.forEach(p -> all.addAll(field.apply(p)));
    return List.copyOf(all);
  }
}
