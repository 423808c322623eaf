package dev.daylight.agent.guard;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.daylight.agent.platform.AtomicWrite;
import dev.daylight.agent.platform.Layout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Installs and removes Daylight's hook in each client's settings. Every change holds a lock in
 * the state folder (a second install waits), writes through a temporary file and a move, and
 * records the file's previous bytes so that {@link #uninstall} restores them exactly when nobody
 * changed the file since; otherwise it removes only Daylight's entry.
 */
public final class GuardInstaller {
  /** What happened to one client's file. */
  public enum Outcome { INSTALLED, UNCHANGED, RESTORED, REMOVED, NOT_INSTALLED, SKIPPED, FAILED }

  public record Result(String client, Optional<Path> file, Outcome outcome, String detail) {}

  private final Path stateDir;
  private final Layout layout;
  private final boolean managed;
  private final Function<String, Optional<Path>> expand;
  private final List<HookTarget> targets = HookTargets.load();

  /**
   * @param managed the machine-wide files (as root/Administrator) instead of the user's
   * @param expand resolves a path template; {@code layout::expand} except in tests of machine files
   */
  public GuardInstaller(Path stateDir, Layout layout, boolean managed, Function<String, Optional<Path>> expand) {
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

  /** Installs into the named clients' files, or into every client in use when {@code only} is empty. */
  public List<Result> install(GuardMode fallback, Set<String> only) throws IOException {
    if (layout.os() == dev.daylight.agent.platform.Os.WINDOWS) {
      // The hook is a POSIX sh + awk pair; a Windows hook that meets the latency target is not built yet.
      return clients().stream().map(c -> new Result(c, Optional.empty(), Outcome.SKIPPED,
          "the guard hook is not available on Windows yet")).toList();
    }
    Path script = HookScripts.deploy(Guard.dir(stateDir).resolve("bin"), layout.os());
    Path userState = managed ? null : stateDir;
    Path machineDir = managed ? Guard.usersDir(stateDir) : null;
    return locked(only, (t, file) -> installOne(t, file,
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
        out.add(new Result(t.client(), file, Outcome.SKIPPED, "no " + scope() + " hook file on " + layout.os().wire()));
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
        throw new IllegalArgumentException("unknown client '" + c + "' (known: " + String.join(", ", clients()) + ")");
      }
    }
    Path lockFile = Guard.dir(stateDir).resolve("install.lock");
    Files.createDirectories(lockFile.getParent());
    // The file lock keeps other processes out, the JVM lock other threads: a JVM cannot lock one file twice.
    synchronized (GuardInstaller.class) {
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        return each(only, step);
      }
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
        out.add(new Result(t.client(), file, Outcome.SKIPPED, "no " + scope() + " hook file on " + layout.os().wire()));
        continue;
      }
      try {
        out.add(step.apply(t, file.get()));
      } catch (IOException e) {
        out.add(new Result(t.client(), file, Outcome.FAILED, problem(file.get(), e)));
      }
    }
    return out;
  }

  private Result installOne(HookTarget t, Path file, String command, boolean named) throws IOException {
    Optional<Path> r = file(t);
    if (!managed && !named && !Files.isDirectory(file.getParent())) {
      return new Result(t.client(), r, Outcome.SKIPPED, file.getParent() + " does not exist: " + t.client()
          + " is not used here (name it with --client to install anyway)");
    }
    byte[] before = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    String after;
    try {
      after = SettingsEdit.install(before == null ? null : new String(before, UTF_8), t, command);
    } catch (SettingsEdit.Unusable e) {
      return new Result(t.client(), r, Outcome.FAILED, file + " " + e.getMessage() + "; it was left as it was");
    }
    byte[] bytes = after.getBytes(UTF_8);
    if (before != null && Arrays.equals(before, bytes)) {
      return new Result(t.client(), r, Outcome.UNCHANGED, "already installed");
    }
    Path ledgerFile = InstallLedger.path(stateDir, t.client(), managed);
    Optional<InstallLedger> old = InstallLedger.read(ledgerFile);
    InstallLedger ledger;
    if (old.isPresent() && before != null && old.get().written().equals(InstallLedger.sha256(before))) {
      ledger = new InstallLedger(file, old.get().original(), old.get().exact(), InstallLedger.sha256(bytes));
    } else {
      boolean alreadyOurs = before != null && SettingsEdit.installed(new String(before, UTF_8), t);
      ledger = new InstallLedger(file, before, !alreadyOurs, InstallLedger.sha256(bytes));
    }
    write(file, bytes);
    ledger.write(ledgerFile);
    return new Result(t.client(), r, Outcome.INSTALLED, before == null ? "created" : "added to the existing hooks");
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
    if (ledger.isPresent() && ledger.get().exact() && ledger.get().written().equals(InstallLedger.sha256(now))) {
      if (ledger.get().original() == null) {
        Files.delete(file);
      } else {
        write(file, ledger.get().original());
      }
      Files.delete(ledgerFile);
      return new Result(t.client(), r, Outcome.RESTORED, "restored to its bytes before install");
    }
    String text = new String(now, UTF_8);
    if (!SettingsEdit.installed(text, t)) {
      Files.deleteIfExists(ledgerFile);
      return new Result(t.client(), r, Outcome.NOT_INSTALLED, "Daylight's hook is not in it");
    }
    try {
      write(file, SettingsEdit.remove(text, t).getBytes(UTF_8));
    } catch (SettingsEdit.Unusable e) {
      return new Result(t.client(), r, Outcome.FAILED, file + " " + e.getMessage() + "; it was left as it was");
    }
    Files.deleteIfExists(ledgerFile);
    return new Result(t.client(), r, Outcome.REMOVED, "changed since install: only Daylight's entry was removed");
  }

  private Optional<Path> file(HookTarget t) {
    return t.template(managed, layout.os()).flatMap(expand);
  }

  private String scope() {
    return managed ? "machine-wide" : "user";
  }

  /** Temporary file beside the target, same permissions, then one move. */
  private static void write(Path file, byte[] bytes) throws IOException {
    if (Files.exists(file) && (!Files.isWritable(file) || lacksOwnerWrite(file))) {
      throw new AccessDeniedException(file.toString(), null, "read-only");
    }
    PosixFileAttributeView from = Files.exists(file) ? Files.getFileAttributeView(file, PosixFileAttributeView.class) : null;
    // The same permissions as the file it replaces.
    AtomicWrite.replace(file, bytes, from == null ? AtomicWrite.Step.NONE
        : tmp -> Files.setPosixFilePermissions(tmp, from.readAttributes().permissions()));
  }

  /** Root may write anything: a file whose owner may not write it was made read-only on purpose. */
  private static boolean lacksOwnerWrite(Path file) throws IOException {
    PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    return v != null && !v.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
  }

  private static String problem(Path file, IOException e) {
    if (e instanceof AccessDeniedException) {
      return file + " is read-only or its folder is not writable: nothing was changed"
          + " (make it writable, or use --managed as root/Administrator for machine files)";
    }
    return file + ": " + e.getMessage() + "; nothing was changed";
  }
}
