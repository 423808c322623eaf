package dev.daylight.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.daylight.protocol.AnswerSignature;
import dev.daylight.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SigningKeyTest {
  @TempDir Path tmp;
  private final byte[] body = "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void madeOnFirstStartOwnerOnlyAndTheSameKeyAfterARestart() throws IOException {
    Path file = tmp.resolve("keys/signing.pem");
    SigningKey first = SigningKey.loadOrCreate(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    SigningKey again = SigningKey.loadOrCreate(file);
    assertThat(again.keyId()).isEqualTo(first.keyId()).hasSize(16);
    assertThat(
            AnswerSignature.problem(
                first.publicKeyBase64(), body, AnswerSignature.header(again.sign(body))))
        .isEmpty();
    assertThat(
            AnswerSignature.problem(
                SigningKey.ephemeral().publicKeyBase64(),
                body,
                AnswerSignature.header(again.sign(body))))
        .hasValueSatisfying(p -> assertThat(p).contains("does not verify"));
  }

  @Test
  void aKeyFileOpenToOtherAccountsIsSetBackToOwnerOnlyAndTheLogSaysSo() throws IOException {
    Path file = tmp.resolve("signing.pem");
    String keyId = SigningKey.loadOrCreate(file).keyId();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Logger logger = (Logger) LoggerFactory.getLogger(SigningKey.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);
    try {
      assertThat(SigningKey.loadOrCreate(file).keyId()).isEqualTo(keyId);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(seen.list)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("open to other accounts");
                assertThat(e.getKeyValuePairs().toString()).contains("rw-r--r--");
              });
      seen.list.clear();
      SigningKey.loadOrCreate(file);
      assertThat(seen.list).as("an owner-only file is read quietly").isEmpty();
    } finally {
      logger.detachAppender(seen);
    }
  }

  @Test
  void aFileWhosePublicKeyIsAnotherKeysOrThatHoldsNoKeyIsRefused() throws IOException {
    Path a = tmp.resolve("a.pem");
    Path b = tmp.resolve("b.pem");
    SigningKey.loadOrCreate(a);
    SigningKey.loadOrCreate(b);
    String mixed =
        Files.readString(a).substring(0, Files.readString(a).indexOf("-----BEGIN PUBLIC KEY"))
            + Files.readString(b).substring(Files.readString(b).indexOf("-----BEGIN PUBLIC KEY"));
    Path broken = Files.writeString(tmp.resolve("mixed.pem"), mixed);
    assertThatThrownBy(() -> SigningKey.loadOrCreate(broken))
        .hasMessageContaining("not the private key's");
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "nothing here\n");
    assertThatThrownBy(() -> SigningKey.loadOrCreate(empty))
        .hasMessageContaining("openssl genpkey -algorithm ed25519");
  }

  @Test
  void aKeyMadeWithOpensslAsTheHelpSaysIsRead() throws Exception {
    Requires.onPath("openssl", "openssl not installed (apt-get install openssl)");
    Path f = tmp.resolve("ossl.pem");
    assertThat(
            new ProcessBuilder("openssl", "genpkey", "-algorithm", "ed25519", "-out", f.toString())
                .inheritIO()
                .start()
                .waitFor())
        .isZero();
    Process pub = new ProcessBuilder("openssl", "pkey", "-in", f.toString(), "-pubout").start();
    String pem = new String(pub.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(pub.waitFor()).isZero();
    Files.writeString(f, Files.readString(f) + pem);
    SigningKey k = SigningKey.loadOrCreate(f);
    assertThat(
            AnswerSignature.problem(
                k.publicKeyBase64(), body, AnswerSignature.header(k.sign(body))))
        .isEmpty();
  }

  /** Collectors started at once over one folder end up with one key and no private-key copies. */
  @Test
  void collectorsStartingTogetherShareOneKeyAndLeaveNoCopy() throws Exception {
    Path f = tmp.resolve("shared.pem");
    int n = 8;
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      java.util.List<java.util.concurrent.Future<String>> keys = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add(
            pool.submit(
                () -> {
                  go.await();
                  return SigningKey.loadOrCreate(f).publicKeyBase64();
                }));
      }
      go.countDown();
      java.util.Set<String> distinct = new java.util.HashSet<>();
      for (var k : keys) {
        distinct.add(k.get());
      }
      assertThat(distinct).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("shared.pem");
    }
  }
}
