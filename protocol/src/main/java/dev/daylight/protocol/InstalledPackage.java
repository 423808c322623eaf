package dev.daylight.protocol;

/**
 * A package really present on disk (npx cache, global npm, uv tool, pipx venv, docker image).
 *
 * @param source where it was found: {@code npx-cache}, {@code npm-global}, {@code bun-global},
 *     {@code uv-tool}, {@code uv-cache}, {@code pipx}, {@code docker}
 * @param manifestSha256 sha256 of its package.json / METADATA / image digest
 * @param capabilities what its code shows it can do (email-send, shell-exec, ...), each with
 *     evidence; null when its code was not read, and then {@code capabilitiesWhy} says why
 * @param capabilitiesWhy why {@code capabilities} is null, else null
 */
public record InstalledPackage(
    String purl,
    String ecosystem,
    String name,
    String version,
    String source,
    String installPath,
    String manifestSha256,
    java.util.List<Capability> capabilities,
    String capabilitiesWhy) {

  /** This package with its capabilities, or with none and why. */
  public InstalledPackage withCapabilities(java.util.List<Capability> found, String why) {
    return new InstalledPackage(
        purl,
        ecosystem,
        name,
        version,
        source,
        installPath,
        manifestSha256,
        found,
        found == null ? why : null);
  }

  public InstalledPackage {
    capabilities = capabilities == null ? null : java.util.List.copyOf(capabilities);
    Checks.required(purl, "purl");
    Checks.required(ecosystem, "ecosystem");
    Checks.required(name, "name");
  }
}
