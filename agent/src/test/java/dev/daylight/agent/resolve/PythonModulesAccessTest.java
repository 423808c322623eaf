package dev.daylight.agent.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another account's home: {@code python -m} is resolved only from what that account could read in
 * its home. A config naming root's venv, or a venv in the home whose folders link to root's, gives
 * no package identity (a venv outside the home stands in for root's).
 */
class PythonModulesAccessTest {
  @TempDir Path dir;

  private static void write(Path f, String text) throws IOException {
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  /** A venv whose site-packages holds {@code secretdist}, which provides module {@code x}. */
  private static Path venv(Path at) throws IOException {
    write(at.resolve("bin/python"), "");
    Path info = at.resolve("lib/python3.12/site-packages/secretdist-9.9.dist-info");
    write(info.resolve("METADATA"), "Name: secretdist\nVersion: 9.9\n");
    write(info.resolve("top_level.txt"), "x\n");
    return at;
  }

  private Path alice() throws IOException {
    return Files.createDirectories(dir.resolve("alice"));
  }

  /** As an all-users scan on the real machine reads alice's home. */
  private static PythonModules asAlice(Path home) {
    return PythonModules.ofAccount(
        FileAccess.of(Layout.of(Os.LINUX, home)), Os.LINUX, true, List.of());
  }

  private static String ecosystem(String command, PythonModules modules, Path configDir) {
    return PackageResolver.resolve(command, List.of("-m", "x"), modules, configDir)
        .pkg()
        .orElseThrow()
        .ecosystem();
  }

  @Test
  void aVenvOutsideTheHomeIsNotRead() throws IOException {
    Path home = alice();
    Path root = venv(dir.resolve("root/.venv"));
    String python = root.resolve("bin/python").toString();

    assertThat(ecosystem(python, asAlice(home), home)).isEqualTo("local");
    // The agent's own account still reads a venv it names anywhere on its machine.
    assertThat(ecosystem(python, PythonModules.on(home, Os.LINUX, true, List.of()), home))
        .isEqualTo("PyPI");
  }

  @Test
  void aVenvInTheHomeIsReadButNotThroughALinkOut() throws IOException {
    Path home = alice();
    venv(home.resolve("code/.venv"));
    assertThat(ecosystem(".venv/bin/python", asAlice(home), home.resolve("code")))
        .isEqualTo("PyPI");

    Path root = venv(dir.resolve("root/.venv"));
    Path linked = home.resolve("other/.venv");
    write(linked.resolve("bin/python"), "");
    Files.createSymbolicLink(linked.resolve("lib"), root.resolve("lib"));
    assertThat(ecosystem(".venv/bin/python", asAlice(home), home.resolve("other")))
        .isEqualTo("local");

    // The metadata itself a link out of the home.
    Path own = home.resolve("third/.venv");
    write(own.resolve("bin/python"), "");
    Path info = own.resolve("lib/python3.12/site-packages/secretdist-9.9.dist-info");
    Files.createDirectories(info);
    Files.createSymbolicLink(
        info.resolve("METADATA"),
        root.resolve("lib/python3.12/site-packages/secretdist-9.9.dist-info/METADATA"));
    write(info.resolve("top_level.txt"), "x\n");
    assertThat(ecosystem(".venv/bin/python", asAlice(home), home.resolve("third")))
        .isEqualTo("local");
  }
}
