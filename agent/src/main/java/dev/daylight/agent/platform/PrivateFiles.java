package dev.daylight.agent.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only their owner may read (0600), whatever the umask the process was started with: a first
 * run as root under umask 022 must not leave the machine's history readable by every account.
 * Windows has no POSIX modes here; its per-user folders are private already.
 */
public final class PrivateFiles {
  private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
  private static final Set<PosixFilePermission> OWNER =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private PrivateFiles() {}

  /**
   * Creates {@code file} empty and 0600 when it is missing; an existing one open to other accounts
   * is set back to 0600 (logged). A file that cannot be changed (not this account's) is left as it
   * is and logged.
   */
  public static void ensure(Path file) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER));
      return;
    } catch (FileAlreadyExistsException e) {
      // tightened below
    } catch (IOException e) {
      log.warn("cannot create {} owner-only: {}", file, e.toString());
      return;
    }
    tighten(file);
  }

  /** Sets an existing file that others may read or write back to 0600; a missing one is skipped. */
  public static void tighten(Path file) {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      if (perms.stream().anyMatch(OTHERS::contains)) {
        view.setPermissions(OWNER);
        log.warn(
            "{} was open to other accounts ({}); set back to rw-------",
            file,
            PosixFilePermissions.toString(perms));
      }
    } catch (IOException e) {
      log.warn("cannot check or tighten the permissions of {}: {}", file, e.toString());
    }
  }
}
