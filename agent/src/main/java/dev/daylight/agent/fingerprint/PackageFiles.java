package dev.daylight.agent.fingerprint;

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

/**
 * Which files make up a package: a folder walked without following links (nested {@code
 * node_modules} and VCS folders left out), or the files a wheel's {@code RECORD} lists. Links,
 * files past the caps and paths leaving the package are returned as skipped, with why.
 */
final class PackageFiles {
  static final int MAX_FILES = 20_000;
  private static final int MAX_DEPTH = 32;

  record Entry(String relative, Path path) {}

  record Listing(List<Entry> files, List<Fingerprint.Skipped> skipped) {}

  private PackageFiles() {}

  static Listing walk(Path root) throws IOException {
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
            if (attrs.isSymbolicLink()) {
              skipped.add(new Fingerprint.Skipped(rel, link(realRoot, file)));
            } else if (attrs.isRegularFile()) {
              if (files.size() >= MAX_FILES) {
                skipped.add(
                    new Fingerprint.Skipped(
                        rel, "over the limit of " + MAX_FILES + " files per package"));
              } else {
                files.add(new Entry(rel, file));
              }
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

  /** The files a wheel's {@code RECORD} names, relative to its {@code site-packages}. */
  static Listing record(Path sitePackages, Path recordFile) throws IOException {
    List<Entry> files = new ArrayList<>();
    List<Fingerprint.Skipped> skipped = new ArrayList<>();
    Path base = sitePackages.toAbsolutePath().normalize();
    for (String line : Files.readAllLines(recordFile, StandardCharsets.UTF_8)) {
      String rel = firstCsvField(line);
      if (rel.isEmpty()) {
        continue;
      }
      Path p = base.resolve(rel).normalize();
      if (!p.startsWith(base) || rel.startsWith("/")) {
        skipped.add(new Fingerprint.Skipped(rel, "outside the package folder (not read)"));
      } else if (Files.isSymbolicLink(p)) {
        skipped.add(new Fingerprint.Skipped(rel, link(base.toRealPath(), p)));
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        if (files.size() >= MAX_FILES) {
          skipped.add(
              new Fingerprint.Skipped(
                  rel, "over the limit of " + MAX_FILES + " files per package"));
        } else {
          files.add(new Entry(rel.replace('\\', '/'), p));
        }
      }
    }
    files.sort((a, b) -> a.relative().compareTo(b.relative()));
    return new Listing(files, skipped);
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
