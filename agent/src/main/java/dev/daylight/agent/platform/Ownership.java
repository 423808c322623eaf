package dev.daylight.agent.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account a home belongs to, when the scan runs as another one (root with {@code --all-users}):
 * a file is read only if that account could read it, so the agent never sees more than the user
 * does. Permission bits are checked as the kernel would for the owner's uid and primary group
 * (supplementary groups are not counted: a file only they open stays unread, which errs on the side
 * of reading less). Windows homes have no POSIX owner; their ACLs are not checked here.
 */
final class Ownership {
  private static final int READ = 4;
  private static final int SEARCH = 1;

  private final int uid;
  private final int gid;
  private final Map<Path, Boolean> searchable = new ConcurrentHashMap<>();

  private Ownership(int uid, int gid) {
    this.uid = uid;
    this.gid = gid;
  }

  /**
   * The home's owner, unless this process runs as that account. When the process's own uid cannot
   * be told, the checks apply anyway: a home's own files pass them, so only reading less can come
   * of it.
   */
  static Optional<Ownership> of(Path home) {
    try {
      Path real = home.toRealPath();
      int owner = (Integer) Files.getAttribute(real, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int group = (Integer) Files.getAttribute(real, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      Optional<Integer> self = processUid();
      return self.isPresent() && self.get() == owner
          ? Optional.empty()
          : Optional.of(new Ownership(owner, group));
    } catch (IOException
        | UnsupportedOperationException
        | IllegalArgumentException
        | SecurityException e) {
      return Optional.empty(); // no POSIX owners here (Windows)
    }
  }

  /** Why the owner could not read {@code real}, or empty when it could. */
  Optional<String> denies(Path real, Path realHome) {
    if (!allows(real, READ)) {
      return Optional.of("not readable by the account this home belongs to, not read");
    }
    Path parent = real.getParent();
    if (parent != null && !searchableChain(parent)) {
      return Optional.of("in a folder the account this home belongs to cannot enter, not read");
    }
    return Optional.empty();
  }

  /** Whether the owner may list {@code dir} and reach it. */
  boolean mayEnter(Path dir, Path realHome) {
    return allows(dir, READ) && searchableChain(dir);
  }

  private boolean searchableChain(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      Boolean ok = searchable.computeIfAbsent(d, p -> allows(p, SEARCH));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private boolean allows(Path p, int bit) {
    try {
      Map<String, Object> a =
          Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      int shift = (Integer) a.get("uid") == uid ? 6 : (Integer) a.get("gid") == gid ? 3 : 0;
      return (mode >> shift & bit) != 0;
    } catch (IOException
        | UnsupportedOperationException
        | IllegalArgumentException
        | SecurityException e) {
      return false;
    }
  }

  /**
   * Linux tells it through /proc; elsewhere the JDK's jdk.security.auth module, where the runtime
   * has it.
   */
  private static Optional<Integer> processUid() {
    try {
      return Optional.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException
        | UnsupportedOperationException
        | IllegalArgumentException
        | SecurityException e) {
      // not Linux
    }
    try {
      return Optional.of((int) new com.sun.security.auth.module.UnixSystem().getUid());
    } catch (LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }
}
