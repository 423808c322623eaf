package dev.daylight.agent.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.InstalledPackage;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package in a home is read as that home's account would read it: a RECORD entry under a linked
 * folder, a RECORD or a package folder that links to another account's files (a link out of the
 * home stands in for those), a RECORD too large to be one, are not read; one package is read within
 * its time, bytes and indicators; quoted code loses a URL's password.
 */
class PackageReadsTest {
  private static final String BOB_CODE =
      "import subprocess\nDB = \"postgres://admin:pw-bob-7731@db.internal/prod\"\n";

  @TempDir Path dir;

  private Path home() throws Exception {
    return Files.createDirectories(dir.resolve("alice"));
  }

  /** A wheel unpacked in uv's cache: {@code abc/evil-1.0.dist-info} with METADATA and RECORD. */
  private Path wheel(Path home, String record) throws Exception {
    Path site = Files.createDirectories(home.resolve(".cache/uv/archive-v0/abc"));
    Path info = Files.createDirectories(site.resolve("evil-1.0.dist-info"));
    Files.writeString(
        info.resolve("METADATA"), "Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n");
    Files.createDirectories(site.resolve("evil"));
    Files.writeString(site.resolve("evil/__init__.py"), "import os\nos.system('id')\n");
    if (record != null) {
      Files.writeString(info.resolve("RECORD"), record);
    }
    return site;
  }

  private static InstalledPackage evil(Path site) {
    return new InstalledPackage(
        "pkg:pypi/evil@1.0", "PyPI", "evil", "1.0", "uv-cache", site.toString(), null, null, null);
  }

  private static FileAccess access(Path home) {
    return FileAccess.of(ScanContext.forHome(home, Os.LINUX).layout());
  }

  private Path bobsProject() throws Exception {
    Path project = Files.createDirectories(dir.resolve("bob/project"));
    Files.writeString(project.resolve("secret.py"), BOB_CODE);
    return project;
  }

  @Test
  void aRecordEntryUnderALinkedFolderIsNotRead() throws Exception {
    Path home = home();
    Path site =
        wheel(
            home,
            "evil-1.0.dist-info/METADATA,,\nevil/__init__.py,,\nlink/secret.py,,\n"
                + "evil-1.0.dist-info/RECORD,,\n");
    Files.createSymbolicLink(site.resolve("link"), bobsProject());

    Fingerprint f = new Fingerprinter().of(evil(site), access(home));

    assertThat(f.unreadable()).isNull();
    assertThat(f.files())
        .extracting(Fingerprint.FileHash::path)
        .containsExactlyInAnyOrder(
            "evil-1.0.dist-info/METADATA", "evil-1.0.dist-info/RECORD", "evil/__init__.py");
    assertThat(f.indicators()).noneMatch(i -> i.file().startsWith("link/"));
    assertThat(f.indicators()).noneMatch(i -> i.text().contains("pw-bob"));
    assertThat(f.indicators()).extracting(Indicator::value).contains("os.system");
    assertThat(f.skipped())
        .extracting(Fingerprint.Skipped::path, Fingerprint.Skipped::reason)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "link/secret.py", "a linked folder on the way leaves the package (not followed)"));
  }

  @Test
  void aRecordThatLinksOutOfTheHomeOrIsTooLargeIsNotRead() throws Exception {
    Path home = home();
    Path site = wheel(home, null);
    Path record = site.resolve("evil-1.0.dist-info/RECORD");
    Path bobs =
        Files.writeString(dir.resolve("bob-record"), "../../../../../bob/project/secret.py,,\n");
    Files.createSymbolicLink(record, bobs);

    Fingerprint linked = new Fingerprinter().of(evil(site), access(home));

    assertThat(linked.files()).isEmpty();
    assertThat(linked.skipped())
        .extracting(Fingerprint.Skipped::path, Fingerprint.Skipped::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "evil-1.0.dist-info/RECORD", "not read: symbolic link leads outside the home"));

    Files.delete(record);
    try (RandomAccessFile sparse = new RandomAccessFile(record.toFile(), "rw")) {
      sparse.setLength(PackageFiles.MAX_RECORD + 1);
    }
    Fingerprint large = new Fingerprinter().of(evil(site), access(home));

    assertThat(large.files()).isEmpty();
    assertThat(large.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("not read: file too large"));
  }

  @Test
  void aPackageFolderThatLinksOutOfTheHomeIsNotRead() throws Exception {
    Path home = home();
    Path project = bobsProject();
    Path npx = Files.createDirectories(home.resolve(".npm/_npx/1a2b/node_modules"));
    Files.createSymbolicLink(npx.resolve("x"), project);
    InstalledPackage p =
        new InstalledPackage(
            "pkg:npm/x@1.0",
            "npm",
            "x",
            "1.0",
            "npx-cache",
            npx.resolve("x").toString(),
            null,
            null,
            null);

    Fingerprint f = new Fingerprinter().of(p, access(home));

    assertThat(f.unreadable()).contains("outside the home");
    assertThat(f.files()).isEmpty();
    assertThat(f.skipped()).isEmpty();
  }

  @Test
  void aPackageIsReadWithinItsTimeBytesAndIndicators() throws Exception {
    Path pkg = Files.createDirectories(dir.resolve("pkg"));
    Files.writeString(pkg.resolve("package.json"), "{\"name\": \"x\", \"version\": \"1.0.0\"}");
    for (int i = 0; i < 5; i++) {
      Files.writeString(
          pkg.resolve("f" + i + ".js"),
          "fetch('https://h"
              + i
              + ".example.net/a');\nfetch('https://g"
              + i
              + ".example.net/b');\n");
    }

    Fingerprint timedOut =
        new Fingerprinter(new Limits(Duration.ZERO, 1L << 20, 100)).ofDirectory(pkg);
    assertThat(timedOut.files()).isEmpty();
    assertThat(timedOut.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("time to be read"));

    Fingerprint bytes =
        new Fingerprinter(new Limits(Duration.ofMinutes(1), 200, 100)).ofDirectory(pkg);
    assertThat(bytes.files()).hasSizeLessThan(6);
    assertThat(bytes.files().stream().mapToLong(Fingerprint.FileHash::size).sum())
        .isLessThanOrEqualTo(200);
    assertThat(bytes.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("over the limit of 0 MB read"));

    Fingerprint found =
        new Fingerprinter(new Limits(Duration.ofMinutes(1), 1L << 20, 3)).ofDirectory(pkg);
    assertThat(found.indicators()).hasSize(3);
    assertThat(found.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("over the limit of 3 indicators"));
  }

  @Test
  void quotedCodeLosesAUrlsUserinfo() throws Exception {
    // Short enough that the token-shaped path segment rule alone would leave it.
    assertThat(Snippets.redact("DB = \"postgres://admin:hunter2@db.internal/prod\""))
        .doesNotContain("hunter2")
        .doesNotContain("admin:")
        .contains("db.internal/prod");
  }
}
