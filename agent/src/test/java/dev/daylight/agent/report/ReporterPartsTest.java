package dev.daylight.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReporterPartsTest {
  @TempDir Path state;

  @Test
  void plainHttpIsRefusedExceptToLoopback() {
    assertThat(Endpoint.parse("http://127.0.0.1:8080/").toString())
        .isEqualTo("http://127.0.0.1:8080");
    assertThat(Endpoint.parse("http://[::1]:8080").toString()).isEqualTo("http://[::1]:8080");
    assertThat(Endpoint.parse("http://localhost:9").toString()).isEqualTo("http://localhost:9");
    assertThat(Endpoint.parse("https://collector.example.com:8443").getHost())
        .isEqualTo("collector.example.com");
    assertThatThrownBy(() -> Endpoint.parse("http://collector.example.com"))
        .hasMessageContaining("refusing plain http");
    assertThatThrownBy(() -> Endpoint.parse("http://10.0.0.5:8080"))
        .hasMessageContaining("refusing plain http");
    assertThatThrownBy(() -> Endpoint.parse("http://127.0.0.1.nip.io"))
        .hasMessageContaining("refusing plain http");
    assertThatThrownBy(() -> Endpoint.parse("ftp://x")).hasMessageContaining("https://");
  }

  @Test
  void aCollectorUrlWithUserinfoIsRefusedAndNeverEchoed() {
    for (String url :
        new String[] {
          "https://u:pw-canary@c.example",
          "https://pw-canary@c.example:8443/x",
          "http://u:pw-canary@127.0.0.1:9",
          "https://u:pw-canary/x@c.example/"
        }) {
      assertThatThrownBy(() -> Endpoint.parse(url))
          .as(url)
          .hasMessageContaining("must not hold a user name or password")
          .message()
          .doesNotContain("pw-canary");
    }
    assertThat(Endpoint.display("https://u:pw@c.example/x"))
        .isEqualTo("https://<redacted>@c.example/x");
    assertThat(Endpoint.display("https://c.example/x")).isEqualTo("https://c.example/x");
  }

  @Test
  void credentialsAnOlderAgentStoredWithAPasswordInTheUrlStopDeliveryWithAdviceNotACrash()
      throws Exception {
    Files.createDirectories(state);
    Files.writeString(
        state.resolve(Credentials.FILE_NAME),
        "{\"collector\":\"https://u:pw-canary@c.example\",\"nodeId\":\"n\",\"nodeKey\":\"k\"}");
    try (var store = dev.daylight.agent.store.Store.open(state)) {
      Reporter.Round round = new Reporter(state).deliverNow(store);
      assertThat(round.delivered()).isZero();
      assertThat(round.problem())
          .hasValueSatisfying(
              p -> assertThat(p).contains("run daylight enroll again").doesNotContain("pw-canary"));
      assertThat(round.worthRetrying()).as("only enrolling again helps").isFalse();
      Files.writeString(state.resolve(Credentials.FILE_NAME), "{not json");
      assertThat(new Reporter(state).deliverNow(store).problem())
          .hasValueSatisfying(p -> assertThat(p).contains("run daylight enroll again"));
    }
  }

  @Test
  void aCollectorThatDoesNotAnswerIsWorthRetrying() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Files.createDirectories(state);
    Files.writeString(
        state.resolve(Credentials.FILE_NAME),
        "{\"collector\":\"http://127.0.0.1:" + port + "\",\"nodeId\":\"n\",\"nodeKey\":\"k\"}");
    try (var store = dev.daylight.agent.store.Store.open(state)) {
      Reporter.Round round = new Reporter(state).deliverNow(store);
      assertThat(round.problem()).isPresent();
      assertThat(round.worthRetrying()).isTrue();
    }
  }

  @Test
  void backoffGrowsExponentiallyUpToTheCapWithJitterBelowTheCeiling() {
    Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), new Random(7));
    assertThat(b.delay(0)).isZero();
    assertThat(b.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.ceiling(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(b.ceiling(40)).isEqualTo(Duration.ofMinutes(10));
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Duration d = b.delay(5);
      assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(32));
      seen.add(d);
    }
    assertThat(seen).as("jitter spreads retries").hasSizeGreaterThan(40);
  }

  @Test
  void credentialsAreWrittenOwnerOnlyAndNeverPrintTheKey() throws Exception {
    Credentials c = new Credentials("https://c.example", "node-1", "s3cr3t-node-key", null, null);
    c.save(state);
    Path file = state.resolve(Credentials.FILE_NAME);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(Credentials.load(state)).contains(c);
    assertThat(c.toString()).doesNotContain("s3cr3t");
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      assertThat(Credentials.load(state)).contains(c);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as("loosened since it was written: set back")
          .isEqualTo("rw-------");
    }
  }

  @Test
  void pinsAreAcceptedAsHexWithColonsOrAsBase64() {
    String hex = "ab".repeat(32);
    assertThat(Tls.normalizePin(hex.toUpperCase())).isEqualTo(hex);
    assertThat(Tls.normalizePin("AB:".repeat(31) + "AB")).isEqualTo(hex);
    assertThat(
            Tls.normalizePin(
                "sha256/"
                    + java.util.Base64.getEncoder()
                        .encodeToString(java.util.HexFormat.of().parseHex(hex))))
        .isEqualTo(hex);
    assertThatThrownBy(() -> Tls.normalizePin("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tls.normalizePin("sha256/not*base64")).hasMessageContaining("--pin");
    assertThatThrownBy(
            () ->
                Tls.normalizePin(
                    "sha256/" + java.util.Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32-byte");
  }

  @Test
  void theDeviceIdIsStablePerStateDirAndRevealsNothingOfTheKey() {
    String first = Enroller.deviceId(state);
    assertThat(Enroller.deviceId(state)).isEqualTo(first).hasSize(32);
  }
}
