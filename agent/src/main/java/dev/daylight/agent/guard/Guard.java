package dev.daylight.agent.guard;

import dev.daylight.agent.platform.AtomicWrite;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.StoredFinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the guard's decision files in step with the store. Called after every stored scan, policy
 * pull and review; a failure is logged and never fails the scan (the hook then reads the previous
 * file, or none).
 */
public final class Guard {
  /** The mode the fleet policy sets; wins over the local one. */
  public static final String FLEET_MODE = "guard.mode.fleet";

  /**
   * "true" or "false" when the fleet says whether packaged agents install the managed hooks; blank:
   * no say.
   */
  public static final String FLEET_INSTALL_HOOKS = "guard.install-hooks.fleet";

  /** The mode set on this machine with {@code daylight guard mode}. */
  public static final String LOCAL_MODE = "guard.mode.local";

  private static final Logger log = LoggerFactory.getLogger(Guard.class);

  private Guard() {}

  /** The folder of the guard's files in a state folder. */
  public static Path dir(Path stateDir) {
    return stateDir.resolve("guard");
  }

  /** The per-user decision files of an all-users agent, which each user's hook reads. */
  public static Path usersDir(Path stateDir) {
    return dir(stateDir).resolve("users");
  }

  public static GuardMode mode(Store store) {
    return setting(store, FLEET_MODE)
        .or(() -> setting(store, LOCAL_MODE))
        .map(GuardMode::parse)
        .orElse(GuardMode.AUDIT);
  }

  /** Where the mode comes from: {@code fleet}, {@code local} or {@code default}. */
  public static String modeSource(Store store) {
    return setting(store, FLEET_MODE).isPresent()
        ? "fleet"
        : setting(store, LOCAL_MODE).isPresent() ? "local" : "default";
  }

  /** A blank setting is an absent one: the policy clears the fleet mode by sending none. */
  private static Optional<String> setting(Store store, String key) {
    return store.setting(key).filter(v -> !v.isBlank());
  }

  /**
   * For the machine-wide agent: puts the hook into the clients' managed settings when the fleet
   * asks for it, and takes out again only what it put in for the fleet when the fleet says no (an
   * administrator's own {@code guard install --managed} stays).
   */
  public static void followFleet(Path stateDir, Store store, Layout machine) {
    followFleet(stateDir, store, machine, machine::expand);
  }

  /**
   * As above, with the machine-wide locations resolved by {@code expand} (a test's temporary root).
   */
  static void followFleet(
      Path stateDir,
      Store store,
      Layout machine,
      java.util.function.Function<String, Optional<Path>> expand) {
    Optional<String> say = setting(store, FLEET_INSTALL_HOOKS);
    Path marker = dir(stateDir).resolve("installed").resolve("by-fleet");
    boolean wanted = say.map(Boolean::parseBoolean).orElse(false);
    if (say.isEmpty() || (!wanted && !Files.exists(marker))) {
      return;
    }
    try {
      GuardInstaller installer = new GuardInstaller(stateDir, machine, true, expand);
      List<GuardInstaller.Result> results;
      if (wanted) {
        results = installer.install(mode(store), java.util.Set.of());
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "installed because the fleet policy asks for it\n");
      } else {
        results = installer.uninstall(java.util.Set.of());
        Files.deleteIfExists(marker);
      }
      for (GuardInstaller.Result r : results) {
        if (r.outcome() != GuardInstaller.Outcome.UNCHANGED
            && r.outcome() != GuardInstaller.Outcome.SKIPPED) {
          log.info(
              "guard hook {} {}: {} {}",
              wanted ? "install" : "removal",
              r.client(),
              r.outcome(),
              r.detail());
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("guard hooks not {}: {}", wanted ? "installed" : "removed", e.toString());
    }
  }

  /**
   * Rewrites the decision files (first turning old install ledgers, which held copies of settings
   * files, into hashes); logs and returns false when the decision files could not be written.
   */
  public static boolean refresh(Path stateDir, Store store) {
    try {
      GuardInstaller.migrateLedgers(stateDir);
    } catch (IOException | RuntimeException e) {
      log.warn("guard install ledgers not migrated: {}", e.toString());
    }
    try {
      write(stateDir, store);
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("guard decision file not written: {}", e.toString());
      return false;
    }
  }

  static void write(Path stateDir, Store store) throws IOException {
    GuardMode mode = mode(store);
    List<StoredFinding> open = store.findings(true).stream().filter(StoredFinding::open).toList();
    List<Decision> all = Decisions.of(store.servers(), open);
    Instant now = Instant.now();
    Map<String, List<Decision>> byUser = new LinkedHashMap<>();
    List<Decision> own = new ArrayList<>();
    for (Decision d : all) {
      if (d.osUser() == null) {
        own.add(d);
      } else if (d.osUser().matches("[A-Za-z0-9._-]{1,64}") && !d.osUser().startsWith(".")) {
        byUser.computeIfAbsent(d.osUser(), u -> new ArrayList<>()).add(d);
      }
    }
    DecisionFile.write(
        dir(stateDir).resolve(DecisionFile.NAME), DecisionFile.format(mode, now, own));
    if (byUser.isEmpty()) {
      return;
    }
    Path users = usersDir(stateDir);
    Files.createDirectories(users);
    openToAll(dir(stateDir));
    openToAll(users);
    for (Map.Entry<String, List<Decision>> e : byUser.entrySet()) {
      Path file = users.resolve(e.getKey() + ".tsv");
      DecisionFile.write(
          file, DecisionFile.format(mode, now, e.getValue()), tmp -> ownedBy(tmp, e.getKey()));
    }
  }

  /**
   * Makes a folder every account's hook goes through 0755, whatever the umask the agent runs under.
   */
  static void openToAll(Path folder) throws IOException {
    AtomicWrite.mode("rwxr-xr-x").apply(folder);
  }

  /**
   * As root, the file (still 0600) goes to its user before it is moved into place; where that fails
   * it stays 0600 and the agent's, so that account's hook acts on its fallback mode instead of
   * anyone reading another account's servers.
   */
  private static void ownedBy(Path tmp, String user) {
    try {
      UserPrincipal who =
          tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
      Files.setOwner(tmp, who);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      log.debug("{} stays readable by the agent only: {}", user, e.toString());
    }
  }
}
