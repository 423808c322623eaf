package dev.daylight.agent.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an old and a new version of one package into a temp folder, file by file. */
final class PackagePair {
  final Path old;
  final Path neu;

  PackagePair(Path dir) {
    this.old = dir.resolve("old");
    this.neu = dir.resolve("new");
  }

  PackagePair both(String file, String text) {
    return old(file, text).neu(file, text);
  }

  PackagePair old(String file, String text) {
    write(old.resolve(file), text);
    return this;
  }

  PackagePair neu(String file, String text) {
    write(neu.resolve(file), text);
    return this;
  }

  static String packageJson(String name, String version, String extra) {
    return "{\n  \"name\": \""
        + name
        + "\",\n  \"version\": \""
        + version
        + "\",\n  \"main\": \"index.js\""
        + (extra.isEmpty() ? "" : ",\n  " + extra)
        + "\n}\n";
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
