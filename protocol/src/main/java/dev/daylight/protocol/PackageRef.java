package dev.daylight.protocol;

/**
 * The package a server runs, as far as the launch line and the local caches tell.
 *
 * @param purl package URL without version when the version floats, with it when known
 * @param ecosystem OSV ecosystem spelling: {@code npm}, {@code PyPI}, {@code docker}, {@code local}
 * @param version the declared pin, or the version resolved from a cache, or null
 * @param pinned true only when the launch line names an exact version, tag or digest
 * @param versionSource {@code command-pin}, {@code cache}, or null when unknown
 */
public record PackageRef(
    String purl,
    String ecosystem,
    String name,
    String version,
    boolean pinned,
    String versionSource) {

  public PackageRef {
    Checks.required(purl, "purl");
    Checks.required(ecosystem, "ecosystem");
    Checks.required(name, "name");
  }

  public PackageRef withResolvedVersion(String resolved, String source) {
    return new PackageRef(purl, ecosystem, name, resolved, pinned, source);
  }
}
