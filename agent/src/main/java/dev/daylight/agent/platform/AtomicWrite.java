package dev.daylight.agent.platform;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file in one step: the bytes go to a temporary file beside it, which is moved over it,
 * so a reader (a client's hook, the tray, the resident) sees the old file or the new one, never
 * half of one. The temporary file never outlives the call.
 */
public final class AtomicWrite {
  /** Something to do to the temporary file before it takes the target's place. */
  @FunctionalInterface
  public interface Step {
    void apply(Path tmp) throws IOException;

    Step NONE = tmp -> {};
  }

  private AtomicWrite() {}

  public static void replace(Path file, byte[] bytes) throws IOException {
    replace(file, bytes, Step.NONE);
  }

  public static void replace(Path file, byte[] bytes, Step before) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp =
        Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      before.apply(tmp);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A step that sets POSIX permissions ({@code rw-r--r--}) where the file system has them. */
  public static Step mode(String permissions) {
    return tmp -> {
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
      }
    };
  }
}
