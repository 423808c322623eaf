package dev.daylight.agent.guard;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock every change to the clients' hook files holds: a second install, in any process, waits.
 */
final class InstallLock {
  private InstallLock() {}

  interface Locked<T> {
    T run() throws IOException;
  }

  /** Runs {@code body} holding the install lock of this state folder (a second install waits). */
  static <T> T hold(Path stateDir, Locked<T> body) throws IOException {
    Path lockFile = Guard.dir(stateDir).resolve("install.lock");
    Files.createDirectories(lockFile.getParent());
    // The file lock keeps other processes out, the JVM lock other threads: a JVM cannot lock one
    // file twice.
    synchronized (GuardInstaller.class) {
      try (FileChannel ch =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        return body.run();
      }
    }
  }
}
