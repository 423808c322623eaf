package dev.daylight.agent.machineview;

import dev.daylight.agent.change.Lifecycle;
import dev.daylight.agent.managed.EnrollmentState;
import dev.daylight.agent.platform.Accounts.Account;
import dev.daylight.agent.platform.AtomicWrite;
import dev.daylight.agent.report.Credentials;
import dev.daylight.agent.report.Endpoint;
import dev.daylight.agent.store.ServerView;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.StoredFinding;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine agent's read-only per-user views, in {@code views/} of its state folder: one JSON
 * file per account, owned by that account and readable by it alone, so the person's tray shows what
 * the service found without reading the service's store (root's only) or keeping a second history.
 * A file rather than a local socket: the service is a scan child that exits, not a server, and a
 * file needs no protocol, keeps working while the agent is between scans, and is guarded by the
 * file system's own permissions. {@code views/requests/ACCOUNT} is the tray's "scan now": a file
 * the person may create, which the resident watches.
 */
public final class UserViews {
  private static final Logger log = LoggerFactory.getLogger(UserViews.class);
  static final String DIR = "views";
  static final String REQUESTS = "requests";

  private UserViews() {}

  public static Path viewFile(Path machineStateDir, String user) {
    return machineStateDir.resolve(DIR).resolve(user + ".json");
  }

  public static Path requestFile(Path machineStateDir, String user) {
    return machineStateDir.resolve(DIR).resolve(REQUESTS).resolve(user);
  }

  /** What the resident watches so a person's "scan now" starts a scan. */
  public static List<Path> requestTargets(Path stateDir, List<Account> accounts) {
    return accounts.stream().map(a -> requestFile(stateDir, a.name())).toList();
  }

  /** Writes every account's view and clears the scan requests this scan answered. */
  public static void write(Store store, Path stateDir, List<Account> accounts) throws IOException {
    Path dir = stateDir.resolve(DIR);
    Path requests = dir.resolve(REQUESTS);
    Files.createDirectories(requests);
    // Traversable, not listable: a person reaches their own file by name and sees no one else's.
    setMode(stateDir, "rwx--x--x");
    setMode(dir, "rwx--x--x");
    // Anyone may drop a request; the sticky bit keeps them from removing or replacing another's.
    setSticky(requests);
    List<ServerView> servers = store.servers();
    List<StoredFinding> findings = store.findings(false);
    Instant lastScan =
        store
            .lastScan()
            .map(s -> s.finishedAt() == null ? s.storedAt() : s.finishedAt())
            .orElse(null);
    String collector = collector(stateDir);
    for (Account account : accounts) {
      // One account's trouble (a folder planted where its request goes, say) stops only its view.
      try {
        UserView view =
            of(account, accounts, servers, findings, store.clients(), lastScan, collector);
        Path file = viewFile(stateDir, account.name());
        AtomicWrite.replace(
            file, Json.mapper().writeValueAsBytes(view), tmp -> ownBy(tmp, account.name()));
        clearRequest(requestFile(stateDir, account.name()));
      } catch (IOException | RuntimeException e) {
        log.warn("view of {} not written: {}", account.name(), e.toString());
      }
    }
  }

  /**
   * Removes an answered request: a link is removed itself (never what it points to), and a folder,
   * which no tray makes, is left and logged rather than emptied as root.
   */
  private static void clearRequest(Path request) throws IOException {
    if (Files.isDirectory(request, LinkOption.NOFOLLOW_LINKS)) {
      log.warn("{} is a folder, not a scan request; left as it is", request);
      return;
    }
    Files.deleteIfExists(request);
  }

  static UserView of(
      Account account,
      List<Account> accounts,
      List<ServerView> servers,
      List<StoredFinding> findings,
      List<dev.daylight.protocol.Client> clients,
      Instant lastScan,
      String collector) {
    String user = account.name();
    Map<String, List<UserView.Item>> byServer = new LinkedHashMap<>();
    Set<String> all = new HashSet<>();
    servers.forEach(s -> all.add(s.server().id()));
    List<UserView.Item> host = new ArrayList<>();
    for (StoredFinding f : findings) {
      if (f.status() == Lifecycle.Status.RESOLVED) {
        continue;
      }
      UserView.Item item =
          new UserView.Item(
              f.finding(), f.status() == Lifecycle.Status.ACKNOWLEDGED, f.firstSeen());
      String serverId = f.finding().serverId();
      if (serverId != null && all.contains(serverId)) {
        byServer.computeIfAbsent(serverId, k -> new ArrayList<>()).add(item);
      } else if (!anotherAccounts(f.finding(), account, accounts)) {
        host.add(item);
      }
    }
    List<UserView.Server> mine =
        servers.stream()
            .filter(s -> s.active() && user.equals(s.server().osUser()))
            .map(
                s ->
                    new UserView.Server(
                        s.server(),
                        s.trust().map(Enum::name).orElse(null),
                        s.firstSeen(),
                        s.lastSeen(),
                        byServer.getOrDefault(s.server().id(), List.of())))
            .toList();
    List<dev.daylight.protocol.Client> myClients =
        clients.stream().filter(c -> c.osUser() == null || user.equals(c.osUser())).toList();
    return new UserView(
        UserView.SCHEMA, user, Instant.now(), lastScan, collector, mine, myClients, host);
  }

  /**
   * Whether a finding of no server is about another account than {@code account}: its evidence is a
   * file in another account's home (a config that did not parse, a malicious package installed
   * there) or that account's scan ({@code account:NAME}). The machine's own (a model server
   * listening on all interfaces, a file outside every home) are everyone's.
   */
  static boolean anotherAccounts(Finding f, Account account, List<Account> accounts) {
    String where = f.evidence() == null ? null : f.evidence().file();
    if (where == null) {
      return false;
    }
    if (where.startsWith("account:")) {
      return !where.equals("account:" + account.name());
    }
    Path file;
    try {
      file = Path.of(where).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
    if (file.startsWith(account.home())) {
      return false;
    }
    return accounts.stream()
        .anyMatch(a -> !a.name().equals(account.name()) && file.startsWith(a.home()));
  }

  /** Reads a view; empty when there is none or it cannot be read (not this person's, or broken). */
  public static Optional<UserView> read(Path file) {
    try {
      return Optional.of(Json.mapper().readValue(file.toFile(), UserView.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static String collector(Path stateDir) {
    try {
      Optional<Credentials> c = Credentials.load(stateDir);
      if (c.isPresent()) {
        return "enrolled with " + Endpoint.display(c.get().collector());
      }
    } catch (UncheckedIOException e) {
      // unreadable credentials: reported like no enrollment
    }
    return EnrollmentState.load(stateDir)
        .filter(e -> !e.enrolled())
        .map(e -> "not enrolled: " + e.describe())
        .orElse("not enrolled");
  }

  private static void setMode(Path p, String mode) throws IOException {
    PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
    if (v != null) {
      v.setPermissions(PosixFilePermissions.fromString(mode));
    }
  }

  /** Mode 1733: everyone may create an entry, only its owner (or root) may remove it. */
  private static void setSticky(Path dir) throws IOException {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      Files.setAttribute(dir, "unix:mode", 01733, LinkOption.NOFOLLOW_LINKS);
    } else {
      setMode(dir, "rwx-wx-wx");
    }
  }

  /** The account's own file, readable by it alone; left as it is where the OS has no such owner. */
  private static void ownBy(Path file, String account) throws IOException {
    PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (v == null) {
      return;
    }
    v.setPermissions(PosixFilePermissions.fromString("r--------"));
    try {
      UserPrincipal owner =
          FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(account);
      if (!Objects.equals(v.getOwner(), owner)) {
        v.setOwner(owner);
      }
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("view of {} stays root's: cannot hand it over ({})", account, e.getMessage());
    }
  }
}
