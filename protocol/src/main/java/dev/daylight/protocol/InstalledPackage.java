package dev.daylight.protocol;

/**
 * A package really present on disk (npx cache, global npm, uv tool, pipx venv, docker image).
 *
 * @param source where it was found: {@code npx-cache}, {@code npm-global}, {@code bun-global},
 *     {@code uv-tool}, {@code uv-cache}, {@code pipx}, {@code docker}
 * @param manifestSha256 sha256 of its package.json / METADATA / image digest
 */
public record InstalledPackage(
    String purl,
    String ecosystem,
    String name,
    String version,
    String source,
    String installPath,
    String manifestSha256) {
  public InstalledPackage {
    Checks.required(purl, "purl");
    Checks.required(ecosystem, "ecosystem");
    Checks.required(name, "name");
  }
}
