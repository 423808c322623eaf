package dev.daylight.agent.fingerprint;

import dev.daylight.agent.platform.FileAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Which files make up a package: a folder walked without following links (nested {@code
 * node_modules} and VCS folders left out), or the files a wheel's {@code RECORD} lists. Links,
 * files past the caps and paths leaving the package (by name or through a linked folder) are
 * returned as skipped, with why. Listing reads no file but {@code RECORD}, through the home's
 * {@link FileAccess}.
 */
final class PackageFiles {
  static final int MAX_FILES = 20_000;

  /** A RECORD lists one line per file: 20,000 files of long names fit with room to spare. */
  static final long MAX_RECORD = 4L * 1024 * 1024;

  private static final int MAX_DEPTH = 32;

  record Entry(String relative, Path path) {}

  record Listing(List<Entry> files, List<Fingerprint.Skipped> skipped) {}

  private PackageFiles() {}

  static Listing walk(Path root, long deadline) throws IOException {
    List<Entry> files = new ArrayList<>();
    List<Fingerprint.Skipped> skipped = new ArrayList<>();
    Path realRoot = root.toRealPath();
    Files.walkFileTree(
        root,
        EnumSet.noneOf(java.nio.file.FileVisitOption.class),
        MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(root)
                && (name.equals("node_modules")
                    || name.equals(".git")
                    || name.equals("__pycache__"))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = relative(root, file);
            Optional<String> stop = stop(files.size(), deadline);
            if (stop.isPresent()) {
              skipped.add(new Fingerprint.Skipped(rel, stop.get()));
              return FileVisitResult.TERMINATE;
            }
            if (attrs.isSymbolicLink()) {
              skipped.add(new Fingerprint.Skipped(rel, link(realRoot, file)));
            } else if (attrs.isRegularFile()) {
              files.add(new Entry(rel, file));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            skipped.add(
                new Fingerprint.Skipped(
                    relative(root, file), "unreadable: " + e.getClass().getSimpleName()));
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort((a, b) -> a.relative().compareTo(b.relative()));
    return new Listing(files, skipped);
  }

  /**
   * The files a wheel's {@code RECORD} names, relative to its {@code site-packages}; empty when
   * there is no RECORD. Each must be a regular file whose real path is in {@code site-packages}: a
   * linked folder on the way ({@code link/secret.py} with {@code link} pointing at another
   * account's project) is not followed.
   */
  static Optional<Listing> record(
      Path sitePackages, Path recordFile, FileAccess access, long deadline) throws IOException {
    List<Entry> files = new ArrayList<>();
    List<Fingerprint.Skipped> skipped = new ArrayList<>();
    Path base = sitePackages.toAbsolutePath().normalize();
    String recordName = relative(base, recordFile.toAbsolutePath().normalize());
    FileAccess.Read read = access.read(recordFile, MAX_RECORD);
    if (read instanceof FileAccess.Absent) {
      return Optional.empty();
    }
    if (read instanceof FileAccess.Refused r) {
      skipped.add(new Fingerprint.Skipped(recordName, "not read: " + r.reason()));
      return Optional.of(new Listing(files, skipped));
    }
    byte[] bytes = ((FileAccess.Content) read).bytes();
    Path realBase = base.toRealPath();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
      String rel = firstCsvField(line);
      if (rel.isEmpty()) {
        continue;
      }
      Optional<String> stop = stop(files.size(), deadline);
      if (stop.isPresent()) {
        skipped.add(new Fingerprint.Skipped(rel, stop.get()));
        break;
      }
      Path p = base.resolve(rel).normalize();
      if (!p.startsWith(base) || rel.startsWith("/")) {
        skipped.add(new Fingerprint.Skipped(rel, "outside the package folder (not read)"));
        continue;
      }
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException absent) {
        continue; // listed but not installed (or a folder on the way is missing)
      }
      if (attrs.isSymbolicLink()) {
        skipped.add(new Fingerprint.Skipped(rel, link(realBase, p)));
      } else if (attrs.isRegularFile()) {
        if (!realPath(p).map(real -> real.startsWith(realBase)).orElse(false)) {
          skipped.add(
              new Fingerprint.Skipped(
                  rel, "a linked folder on the way leaves the package (not followed)"));
        } else {
          files.add(new Entry(rel.replace('\\', '/'), p));
        }
      }
    }
    files.sort((a, b) -> a.relative().compareTo(b.relative()));
    return Optional.of(new Listing(files, skipped));
  }

  /** Why listing stops here: too many files, or the package's time is up. */
  private static Optional<String> stop(int listed, long deadline) {
    if (listed >= MAX_FILES) {
      return Optional.of(
          "over the limit of " + MAX_FILES + " files per package (it and the rest not read)");
    }
    if (System.nanoTime() - deadline > 0) {
      return Optional.of("the package's time to be read ran out (it and the rest not read)");
    }
    return Optional.empty();
  }

  private static Optional<Path> realPath(Path p) {
    try {
      return Optional.of(p.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String firstCsvField(String line) {
    String l = line.strip();
    if (l.startsWith("\"")) {
      int end = l.indexOf('"', 1);
      return end > 0 ? l.substring(1, end) : "";
    }
    int comma = l.indexOf(',');
    return comma >= 0 ? l.substring(0, comma) : l;
  }

  private static String link(Path realRoot, Path link) {
    try {
      Path target = link.toRealPath();
      return target.startsWith(realRoot)
          ? "link (not followed; its target is read in place)"
          : "link leaving the package (not followed)";
    } catch (IOException e) {
      return "broken link (not followed)";
    }
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
