package dev.daylight.agent.guard;

import dev.daylight.agent.platform.AtomicWrite;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Writing a client's settings file: never a read-only one, always in one step, same permissions.
 */
final class SettingsFiles {
  private SettingsFiles() {}

  /** Temporary file beside the target, same permissions, then one move. */
  static void write(Path file, byte[] bytes) throws IOException {
    if (Files.exists(file) && (!Files.isWritable(file) || lacksOwnerWrite(file))) {
      throw new AccessDeniedException(file.toString(), null, "read-only");
    }
    PosixFileAttributeView from =
        Files.exists(file) ? Files.getFileAttributeView(file, PosixFileAttributeView.class) : null;
    // The same permissions as the file it replaces.
    AtomicWrite.replace(
        file,
        bytes,
        from == null
            ? AtomicWrite.Step.NONE
            : tmp -> Files.setPosixFilePermissions(tmp, from.readAttributes().permissions()));
  }

  /** Root may write anything: a file whose owner may not write it was made read-only on purpose. */
  private static boolean lacksOwnerWrite(Path file) throws IOException {
    PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    return v != null && !v.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
  }

  static String problem(Path file, IOException e) {
    if (e instanceof AccessDeniedException) {
      return file
          + " is read-only or its folder is not writable: nothing was changed"
          + " (make it writable, or use --managed as root/Administrator for machine files)";
    }
    return file + ": " + e.getMessage() + "; nothing was changed";
  }
}
