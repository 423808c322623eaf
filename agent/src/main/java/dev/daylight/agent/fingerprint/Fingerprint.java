package dev.daylight.agent.fingerprint;

import java.util.List;

/**
 * What one package version holds, read once: every file's sha256, the indicators found in its code
 * and manifest, and the files that were not read, with why.
 *
 * @param root the folder the file paths are relative to, as read
 * @param unreadable why nothing of the package could be read, or null
 */
public record Fingerprint(
    String ecosystem,
    String name,
    String version,
    String root,
    List<FileHash> files,
    List<Indicator> indicators,
    List<Skipped> skipped,
    String unreadable) {

  public Fingerprint {
    files = files == null ? List.of() : List.copyOf(files);
    indicators = indicators == null ? List.of() : List.copyOf(indicators);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  public record FileHash(String path, String sha256, long size) {}

  public record Skipped(String path, String reason) {}

  static Fingerprint unreadable(
      String ecosystem, String name, String version, String root, String why) {
    return new Fingerprint(ecosystem, name, version, root, List.of(), List.of(), List.of(), why);
  }
}
