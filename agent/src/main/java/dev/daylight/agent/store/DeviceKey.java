package dev.daylight.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The random per-device key that turns secret values into keyed fingerprints: a change of a secret
 * is visible in the store, the secret is not, and the fingerprint is useless elsewhere. It lives
 * beside the store in a file only its owner can read.
 */
public final class DeviceKey {
  static final String FILE_NAME = "device.key";
  private static final int BYTES = 32;

  private DeviceKey() {}

  /** Reads the key in {@code stateDir}, creating it (0600 where POSIX) on first use. */
  public static byte[] loadOrCreate(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(stateDir);
      if (!Files.exists(file)) {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        // Written whole under a temporary name, then moved in: a crash never leaves half a key.
        Path tmp = create(stateDir);
        Files.write(tmp, key, StandardOpenOption.WRITE);
        try {
          Files.move(tmp, file);
        } catch (FileAlreadyExistsException raced) {
          Files.delete(tmp); // another process created it first; its key wins
        }
      }
      byte[] key = Files.readAllBytes(file);
      if (key.length != BYTES) {
        throw new IllegalStateException(file + " is not a device key (" + key.length + " bytes)");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create device key " + file, e);
    }
  }

  private static Path create(Path dir) throws IOException {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
      FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(owner);
      return Files.createTempFile(dir, FILE_NAME, ".tmp", attr);
    }
    // Windows: the per-user LOCALAPPDATA folder is already private to the user.
    return Files.createTempFile(dir, FILE_NAME, ".tmp");
  }
}
