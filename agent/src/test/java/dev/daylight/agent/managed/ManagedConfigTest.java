package dev.daylight.agent.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedConfigTest {
  @TempDir Path tmp;

  @Test
  void readsTheLinuxAgentConfAsAdminsWriteIt() throws IOException {
    Path conf =
        write(
            "agent.conf",
            """
        # written by Ansible
        collector = https://daylight.example.com:8443
        enroll_secret = "s3cret with spaces"
        unknown_key = ignored
        """);
    ManagedConfig config = ConfigFiles.read(List.of(conf));
    assertThat(config.collector()).contains(URI.create("https://daylight.example.com:8443"));
    assertThat(config.enrollSecret()).contains("s3cret with spaces");
    assertThat(config.canEnroll()).isTrue();
    assertThat(config.sources()).containsExactly(conf);
  }

  @Test
  void readsTheIniTheMsiWritesWithItsSectionAndByteOrderMark() throws IOException {
    Path conf =
        write(
            "agent.conf",
            "\uFEFF[daylight]\r\ncollector=https://c.example\r\nenroll_secret=abc\r\n"
                + "CA_FILE=C:\\ProgramData\\Daylight\\ca.pem\r\nPIN=ab:cd\r\n");
    ManagedConfig config = ConfigFiles.read(List.of(conf));
    assertThat(config.caFile().map(Path::toString)).contains("C:\\ProgramData\\Daylight\\ca.pem");
    assertThat(config.pin()).contains("ab:cd");
    assertThat(config.collector()).contains(URI.create("https://c.example"));
    assertThat(config.enrollSecret()).contains("abc");
  }

  @Test
  void managedPreferencesWinOverTheFileBesideThem() throws IOException {
    Path plist =
        write(
            "dev.daylight.agent.plist",
            """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0"><dict>
          <key>CollectorURL</key><string>https://mdm.example</string>
          <key>CAFile</key><string>/Library/Daylight/corp-ca.pem</string>
          <key>Unrelated</key><integer>3</integer>
        </dict></plist>
        """);
    Path file =
        write(
            "agent.conf",
            "collector = https://file.example\nenroll_secret = from-file\n"
                + "ca_file = /etc/other.pem\npin = sha256/AAAA\n");
    ManagedConfig config = ConfigFiles.read(List.of(plist, file));
    assertThat(config.caFile()).contains(Path.of("/Library/Daylight/corp-ca.pem"));
    assertThat(config.pin())
        .as("taken from the next file when the profile lacks it")
        .contains("sha256/AAAA");
    assertThat(config.collector()).contains(URI.create("https://mdm.example"));
    assertThat(config.enrollSecret())
        .as("taken from the next file when the profile lacks it")
        .contains("from-file");
    assertThat(config.sources()).containsExactly(plist, file);
  }

  @Test
  void missingFilesAndBadValuesGiveNoConfigurationRatherThanAFailure() throws IOException {
    assertThat(ConfigFiles.read(List.of(tmp.resolve("absent.conf"))).canEnroll()).isFalse();
    Path bad = write("agent.conf", "collector = not a url\nenroll_secret = x\n");
    ManagedConfig config = ConfigFiles.read(List.of(bad));
    assertThat(config.collector()).isEmpty();
    assertThat(config.canEnroll()).isFalse();
    Path broken = write("broken.plist", "<plist><dict><key>a</key>");
    assertThat(ConfigFiles.read(List.of(broken))).isSameAs(ManagedConfig.none());
  }

  @Test
  void eachOsLooksInItsOwnManagedLocation() {
    assertThat(ConfigFiles.locations(Layout.of(Os.LINUX, Path.of("/home/a"), Map.of()), Map.of()))
        .containsExactly(Path.of("/etc/daylight/agent.conf"));
    assertThat(ConfigFiles.locations(Layout.of(Os.MACOS, Path.of("/Users/a"), Map.of()), Map.of()))
        .containsExactly(
            Path.of("/Library/Managed Preferences/dev.daylight.agent.plist"),
            Path.of("/Library/Application Support/Daylight/agent.conf"));
    Path programData = Path.of("C:\\ProgramData");
    assertThat(
            ConfigFiles.locations(
                Layout.of(
                    Os.WINDOWS,
                    Path.of("C:\\Users\\a"),
                    Map.of("ProgramData", programData.toString())),
                Map.of()))
        .containsExactly(programData.resolve("Daylight").resolve("agent.conf"));
  }

  @Test
  void aFakeHomeHasNoManagedConfigurationAndTheOverrideWins() throws IOException {
    assertThat(ConfigFiles.locations(Layout.of(Os.LINUX, tmp), Map.of())).isEmpty();
    Path conf = write("custom.conf", "collector = https://x.example\nenroll_secret = y\n");
    ManagedConfig config =
        ManagedConfig.load(
            Layout.of(Os.LINUX, tmp), Map.of(ManagedConfig.OVERRIDE_ENV, conf.toString()));
    assertThat(config.canEnroll()).isTrue();
  }

  @Test
  void theSecretNeverShowsInToString() throws IOException {
    Path conf = write("agent.conf", "collector = https://x.example\nenroll_secret = canary-9e1f\n");
    assertThat(ConfigFiles.read(List.of(conf)).toString())
        .doesNotContain("canary-9e1f")
        .contains("<set>");
  }

  @Test
  void aPasswordInTheCollectorAddressNeverShowsAndEnrollmentRefusesIt() throws IOException {
    Path conf =
        write(
            "agent.conf", "collector = https://admin:pw-canary-77@x.example\nenroll_secret = s\n");
    ManagedConfig config = ConfigFiles.read(List.of(conf));
    assertThat(config.toString()).doesNotContain("pw-canary-77").contains("<redacted>@x.example");
    assertThat(AutoEnroll.ensure(tmp.resolve("state"), () -> config))
        .isEqualTo(AutoEnroll.Outcome.FAILED);
    assertThat(tmp.resolve("state/collector.json")).doesNotExist();
  }

  @Test
  void aSecretFileOthersCanReadIsNoticed() throws IOException {
    Path conf = write("agent.conf", "enroll_secret = x\n");
    assumeTrue(
        Files.getFileAttributeView(conf, java.nio.file.attribute.PosixFileAttributeView.class)
            != null,
        "skipped: file modes are POSIX-only");
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(ConfigFiles.othersCanRead(conf)).isTrue();
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
    assertThat(ConfigFiles.othersCanRead(conf)).isFalse();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }
}
