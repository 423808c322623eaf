package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Enrollment refusals that need no collector: each is one line on stderr and leaves nothing behind.
 */
class EnrollCommandTest {
  @TempDir Path dir;
  String out;
  String err;

  int enroll(String... extra) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    String[] base = {"enroll", "--state-dir", dir.resolve("state").toString(), "--secret", "s3"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    int code = cli.execute(all);
    out = o.toString();
    err = e.toString();
    return code;
  }

  private void assertNothingEnrolledAndOneLine() {
    assertThat(dir.resolve("state/collector.json")).doesNotExist();
    assertThat(out).isEmpty();
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).doesNotContain("Exception", "\tat ");
  }

  @Test
  void aCollectorUrlWithAPasswordIsRefusedWithoutEchoingIt() {
    for (String url :
        new String[] {
          "https://admin:hunter2-pw@collector.example:8443/",
          "http://admin:hunter2-pw@127.0.0.1:1",
          "https://tok-hunter2-pw@collector.example/"
        }) {
      assertThat(enroll("--collector", url)).as(url).isEqualTo(ExitCodes.USAGE);
      assertThat(err)
          .as(url)
          .contains("must not hold a user name or password")
          .doesNotContain("hunter2");
      assertNothingEnrolledAndOneLine();
    }
    assertThat(enroll("--collector", "https://admin:hunter2-pw@bad host/"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("not a URL").doesNotContain("hunter2");
    assertNothingEnrolledAndOneLine();
  }

  @Test
  void aMissingCaFileIsNamed() {
    Path ca = dir.resolve("nope.pem");
    assertThat(enroll("--collector", "https://127.0.0.1:1", "--ca", ca.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains(ca.toString(), "no such file");
    assertNothingEnrolledAndOneLine();
  }

  @Test
  void aDirectoryOrNonPemCaFileIsNamedWithWhatIsWrong() throws IOException {
    assertThat(enroll("--collector", "https://127.0.0.1:1", "--ca", dir.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains(dir.toString(), "is a directory");
    assertNothingEnrolledAndOneLine();

    Path text = Files.writeString(dir.resolve("ca.txt"), "this is not a certificate\n");
    assertThat(enroll("--collector", "https://127.0.0.1:1", "--ca", text.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains(text.toString(), "no PEM certificate", "-----BEGIN CERTIFICATE-----");
    assertNothingEnrolledAndOneLine();

    Path der =
        Files.write(
            dir.resolve("ca.der"), new byte[] {0x30, (byte) 0x82, 0x01, 0x0a, (byte) 0xff, 0x00});
    assertThat(enroll("--collector", "https://127.0.0.1:1", "--ca", der.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains(der.toString(), "looks like DER");
    assertNothingEnrolledAndOneLine();

    Path broken =
        Files.writeString(
            dir.resolve("broken.pem"),
            "-----BEGIN CERTIFICATE-----\nTUlJQm9ndXM=\n-----END CERTIFICATE-----\n");
    assertThat(enroll("--collector", "https://127.0.0.1:1", "--ca", broken.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains(broken.toString(), "cannot be parsed");
    assertNothingEnrolledAndOneLine();
  }

  @Test
  void anUnreadableCaFileIsNamed() throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
    Assumptions.assumeTrue(
        Files.getFileStore(ca).supportsFileAttributeView("posix"), "needs POSIX permissions");
    Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(ca), "skipped: running as root, which reads any file");
    assertThat(enroll("--collector", "https://127.0.0.1:1", "--ca", ca.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains(ca.toString(), "permission denied");
    assertNothingEnrolledAndOneLine();
  }
}
