package dev.daylight.agent.guard;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.daylight.agent.platform.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Installs and removes Daylight's hook in each client's settings. Every change holds a lock in the
 * state folder (a second install waits), writes through a temporary file and a move, inserts
 * Daylight's entry as text at recorded places and records a hash of the file before, so that {@link
 * #uninstall} takes exactly that text out and checks the result against the hash (byte for byte
 * when nobody changed the file since); otherwise it removes only Daylight's entry.
 */
public final class GuardInstaller {
  /** What happened to one client's file. */
  public enum Outcome {
    INSTALLED,
    UNCHANGED,
    RESTORED,
    REMOVED,
    NOT_INSTALLED,
    SKIPPED,
    FAILED
  }

  public record Result(String client, Optional<Path> file, Outcome outcome, String detail) {}

  /** Why nothing is installed on Windows, in the words {@code guard install} prints. */
  public static final String WINDOWS =
      "the guard hook is not available on Windows: it must answer within 30 ms,"
          + " and PowerShell (300 ms and more) and a JVM (100 ms and more) start slower than that; the planned"
          + " native hook (docs/GUARD.md, Windows) is not built yet. Suspended packages are still marked and"
          + " reported; they are not refused at the call";

  private final Path stateDir;
  private final Layout layout;
  private final boolean managed;
  private final Function<String, Optional<Path>> expand;
  private final List<HookTarget> targets = HookTargets.load();

  /**
   * @param managed the machine-wide files (as root/Administrator) instead of the user's
   * @param expand resolves a path template; {@code layout::expand} except in tests of machine files
   */
  public GuardInstaller(
      Path stateDir, Layout layout, boolean managed, Function<String, Optional<Path>> expand) {
    this.stateDir = stateDir;
    this.layout = layout;
    this.managed = managed;
    this.expand = expand;
  }

  public GuardInstaller(Path stateDir, Layout layout, boolean managed) {
    this(stateDir, layout, managed, layout::expand);
  }

  /** The client ids Daylight can hook. */
  public List<String> clients() {
    return targets.stream().map(HookTarget::client).toList();
  }

  /**
   * Installs into the named clients' files, or into every client in use when {@code only} is empty.
   */
  public List<Result> install(GuardMode fallback, Set<String> only) throws IOException {
    if (layout.os() == dev.daylight.agent.platform.Os.WINDOWS) {
      // The hook is a POSIX sh + awk pair; a Windows hook that meets the latency target is designed
      // (docs/GUARD.md, Windows) but not built: it cannot be built or tested on the Linux build
      // machine.
      return clients().stream()
          .map(c -> new Result(c, Optional.empty(), Outcome.SKIPPED, WINDOWS))
          .toList();
    }
    Path script = HookScripts.deploy(Guard.dir(stateDir).resolve("bin"), layout.os(), managed);
    Path userState = managed ? null : stateDir;
    Path machineDir = managed ? Guard.usersDir(stateDir) : null;
    return locked(
        only,
        (t, file) ->
            installOne(
                t,
                file,
                HookScripts.command(script, t.client(), fallback, userState, machineDir),
                only.contains(t.client())));
  }

  public List<Result> uninstall(Set<String> only) throws IOException {
    return locked(only, this::uninstallOne);
  }

  /** Each client's file and whether Daylight's hook is in it. */
  public List<Result> status() throws IOException {
    List<Result> out = new ArrayList<>();
    for (HookTarget t : targets) {
      Optional<Path> file = file(t);
      if (file.isEmpty()) {
        out.add(
            new Result(
                t.client(),
                file,
                Outcome.SKIPPED,
                "no " + scope() + " hook file on " + layout.os().wire()));
      } else if (Files.isRegularFile(file.get())
          && SettingsEdit.installed(Files.readString(file.get()), t)) {
        out.add(new Result(t.client(), file, Outcome.INSTALLED, ""));
      } else {
        out.add(new Result(t.client(), file, Outcome.NOT_INSTALLED, ""));
      }
    }
    return out;
  }

  private interface Step {
    Result apply(HookTarget t, Path file) throws IOException;
  }

  private List<Result> locked(Set<String> only, Step step) throws IOException {
    for (String c : only) {
      if (!clients().contains(c)) {
        throw new IllegalArgumentException(
            "unknown client '" + c + "' (known: " + String.join(", ", clients()) + ")");
      }
    }
    return InstallLock.hold(
        stateDir,
        () -> {
          LedgerMigration.run(stateDir, targets);
          return each(only, step);
        });
  }

  /**
   * Turns install ledgers of the first format, which kept a copy of each settings file, into hashes
   * and pieces, deleting the copies; the agent calls it after every scan.
   */
  public static void migrateLedgers(Path stateDir) throws IOException {
    if (Files.isDirectory(InstallLedger.dir(stateDir))) {
      InstallLock.hold(
          stateDir,
          () -> {
            LedgerMigration.run(stateDir, HookTargets.load());
            return null;
          });
    }
  }

  private List<Result> each(Set<String> only, Step step) throws IOException {
    List<Result> out = new ArrayList<>();
    for (HookTarget t : targets) {
      if (!only.isEmpty() && !only.contains(t.client())) {
        continue;
      }
      Optional<Path> file = file(t);
      if (file.isEmpty()) {
        out.add(
            new Result(
                t.client(),
                file,
                Outcome.SKIPPED,
                "no " + scope() + " hook file on " + layout.os().wire()));
        continue;
      }
      try {
        out.add(step.apply(t, file.get()));
      } catch (IOException e) {
        out.add(new Result(t.client(), file, Outcome.FAILED, SettingsFiles.problem(file.get(), e)));
      } catch (java.io.UncheckedIOException e) {
        // One client's file must not stop the others.
        out.add(
            new Result(
                t.client(), file, Outcome.FAILED, SettingsFiles.problem(file.get(), e.getCause())));
      }
    }
    return out;
  }

  private Result installOne(HookTarget t, Path file, String command, boolean named)
      throws IOException {
    Optional<Path> r = Optional.of(file);
    Optional<Path> used =
        t.usedIf() == null ? Optional.of(file.getParent()) : expand.apply(t.usedIf());
    if (!managed && !named && (used.isEmpty() || !Files.isDirectory(used.get()))) {
      return new Result(
          t.client(),
          r,
          Outcome.SKIPPED,
          used.map(Path::toString).orElse(t.usedIf())
              + " does not exist: "
              + t.client()
              + " is not used here (name it with --client to install anyway)");
    }
    byte[] before = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    String text = before == null ? null : new String(before, UTF_8);
    Path ledgerFile = InstallLedger.path(stateDir, t.client(), managed);
    Optional<InstallLedger> old = InstallLedger.read(ledgerFile);
    try {
      if (text != null) {
        SettingsEdit.check(text, t);
      }
      if (text != null && SettingsEdit.command(text, t).filter(command::equals).isPresent()) {
        return new Result(t.client(), r, Outcome.UNCHANGED, "already installed");
      }
      // The file as it would be without Daylight's hook, and what is known of its bytes before.
      String base = text;
      boolean existed = before != null;
      String original = before == null ? null : DigestUtils.sha256Hex(before);
      if (text != null && SettingsEdit.installed(text, t)) {
        Optional<String> undone =
            old.filter(l -> l.exact() && l.written().equals(DigestUtils.sha256Hex(before)))
                .flatMap(l -> SettingsSplice.undo(text, l.pieces()));
        if (undone.isPresent()) {
          base = undone.get();
          existed = old.get().existed();
          original = old.get().original();
        } else {
          base = withoutOurs(text, t, old);
          original = null;
        }
      }
      SettingsSplice.Spliced spliced = SettingsSplice.install(base, t, command);
      byte[] bytes = spliced.text().getBytes(UTF_8);
      boolean exact = original != null || !existed;
      if (exact && !comesBack(spliced, existed, original)) {
        exact = false; // not UTF-8 as read, say: the pieces still come out, but not byte for byte
      }
      SettingsFiles.write(file, bytes);
      new InstallLedger(
              file,
              existed,
              exact ? original : null,
              exact,
              spliced.pieces(),
              DigestUtils.sha256Hex(bytes))
          .write(ledgerFile);
      return new Result(
          t.client(),
          r,
          Outcome.INSTALLED,
          before == null ? "created" : "added to the existing hooks");
    } catch (SettingsEdit.Unusable e) {
      return new Result(
          t.client(), r, Outcome.FAILED, file + " " + e.getMessage() + "; it was left as it was");
    }
  }

  /**
   * Whether taking the pieces out again gives the bytes the hash names (or nothing, for a new
   * file).
   */
  private static boolean comesBack(
      SettingsSplice.Spliced spliced, boolean existed, String original) {
    return SettingsSplice.undo(spliced.text(), spliced.pieces())
        .map(t -> existed ? DigestUtils.sha256Hex(t.getBytes(UTF_8)).equals(original) : t.isEmpty())
        .orElse(false);
  }

  /**
   * The text without Daylight's entry: its own pieces cut where they now stand, else a JSON
   * rewrite.
   */
  static String withoutOurs(String text, HookTarget t, Optional<InstallLedger> ledger)
      throws SettingsEdit.Unusable {
    Optional<String> cut =
        ledger
            .flatMap(l -> SettingsSplice.cut(text, l.pieces()))
            .filter(c -> parses(c, t) && !SettingsEdit.installed(c, t));
    return cut.isPresent() ? cut.get() : SettingsEdit.remove(text, t);
  }

  private static boolean parses(String text, HookTarget t) {
    try {
      SettingsEdit.check(text, t);
      return true;
    } catch (SettingsEdit.Unusable e) {
      return false;
    }
  }

  private Result uninstallOne(HookTarget t, Path file) throws IOException {
    Optional<Path> r = Optional.of(file);
    Path ledgerFile = InstallLedger.path(stateDir, t.client(), managed);
    Optional<InstallLedger> ledger = InstallLedger.read(ledgerFile);
    byte[] now = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    if (now == null) {
      Files.deleteIfExists(ledgerFile);
      return new Result(t.client(), r, Outcome.NOT_INSTALLED, "no file");
    }
    String text = new String(now, UTF_8);
    Optional<InstallLedger> same =
        ledger.filter(l -> l.exact() && l.written().equals(DigestUtils.sha256Hex(now)));
    Optional<String> undone = same.flatMap(l -> SettingsSplice.undo(text, l.pieces()));
    if (undone.isPresent() && !same.get().existed() && undone.get().isEmpty()) {
      Files.delete(file);
      Files.delete(ledgerFile);
      return new Result(t.client(), r, Outcome.RESTORED, "removed: Daylight had created it");
    }
    if (undone.isPresent()
        && same.get().existed()
        && DigestUtils.sha256Hex(undone.get().getBytes(UTF_8)).equals(same.get().original())) {
      SettingsFiles.write(file, undone.get().getBytes(UTF_8));
      Files.delete(ledgerFile);
      return new Result(
          t.client(),
          r,
          Outcome.RESTORED,
          "restored to its bytes before install (checked by SHA-256)");
    }
    if (!SettingsEdit.installed(text, t)) {
      Files.deleteIfExists(ledgerFile);
      return new Result(t.client(), r, Outcome.NOT_INSTALLED, "Daylight's hook is not in it");
    }
    try {
      SettingsFiles.write(file, withoutOurs(text, t, ledger).getBytes(UTF_8));
    } catch (SettingsEdit.Unusable e) {
      return new Result(
          t.client(), r, Outcome.FAILED, file + " " + e.getMessage() + "; it was left as it was");
    }
    Files.deleteIfExists(ledgerFile);
    return new Result(
        t.client(), r, Outcome.REMOVED, "changed since install: only Daylight's entry was removed");
  }

  private Optional<Path> file(HookTarget t) {
    return t.template(managed, layout.os()).flatMap(expand);
  }

  private String scope() {
    return managed ? "machine-wide" : "user";
  }
}
