package dev.daylight.agent.installed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lays package-manager caches out in a fake home the way the real tools do. */
final class FakeCaches {
  private FakeCaches() {}

  /**
   * {@code <cache>/_npx/<run>/node_modules/<name>/package.json}, plus the run's own package.json.
   */
  static void npx(Path cache, String run, String name, String version) throws IOException {
    Path dir = cache.resolve("_npx").resolve(run);
    write(
        dir.resolve("package.json"), "{\"dependencies\":{\"" + name + "\":\"^" + version + "\"}}");
    write(
        dir.resolve("node_modules").resolve(name).resolve("package.json"),
        "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"main\":\"index.js\"}");
    // A transitive dependency npx installed alongside: not what the run asked for.
    write(
        dir.resolve("node_modules/zod/package.json"), "{\"name\":\"zod\",\"version\":\"3.25.0\"}");
  }

  static void nodeModule(Path nodeModules, String name, String version) throws IOException {
    write(
        nodeModules.resolve(name).resolve("package.json"),
        "{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}");
  }

  static void distInfo(Path sitePackages, String name, String version) throws IOException {
    write(
        sitePackages
            .resolve(name.replace('-', '_') + "-" + version + ".dist-info")
            .resolve("METADATA"),
        "Metadata-Version: 2.4\nName: "
            + name
            + "\nVersion: "
            + version
            + "\nSummary: x\n\nName: not-this\n");
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
