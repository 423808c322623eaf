package dev.daylight.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.Policy;
import dev.daylight.protocol.PolicyEntry;
import dev.daylight.protocol.ReviewState;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A collector answering an oversize policy costs the agent one failed round, not its memory. */
class ReporterPolicyCapTest {
  @TempDir Path state;
  private final AtomicBoolean oversize = new AtomicBoolean(true);
  private final AtomicInteger policyPulls = new AtomicInteger();
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-25T08:00:00Z"));
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger reporterLog = (Logger) LoggerFactory.getLogger(Reporter.class);
  private HttpServer collector;

  @BeforeEach
  void start() throws Exception {
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/api/v1/policy",
        x -> {
          try (x) {
            policyPulls.incrementAndGet();
            CollectorClientTest.answerGzip(
                x,
                oversize.get()
                    ? CollectorClientTest.policyOfSize(CollectorClient.POLICY_MAX_BYTES + 1)
                    : smallPolicy());
          }
        });
    collector.start();
    new Credentials(
            "http://127.0.0.1:" + collector.getAddress().getPort(), "n-1", "node-key", null, null)
        .save(state);
    logged.start();
    reporterLog.addAppender(logged);
  }

  @AfterEach
  void stop() {
    reporterLog.detachAppender(logged);
    collector.stop(0);
  }

  @Test
  void anOversizeGzipPolicyIsAFailedPullThatIsLoggedBackedOffAndRetriedLater() {
    Reporter reporter =
        new Reporter(
            state,
            clock(),
            new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), new SplittableRandom(7)));
    try (Store store = Store.open(state)) {
      Reporter.Round failed = reporter.deliver(store);

      assertThat(failed.policyUpdated()).isFalse();
      assertThat(failed.worthRetrying()).as("the daemon schedules another round").isTrue();
      assertThat(failed.problem())
          .contains("policy pull failed: policy answer larger than 16 MiB (decoded): not read");
      assertThat(store.policy()).isEmpty();
      assertThat(store.setting(Reporter.ETAG)).isEmpty();
      assertThat(logged.list)
          .anySatisfy(
              e ->
                  assertThat(e.getFormattedMessage()).contains("policy answer larger than 16 MiB"));

      assertThat(reporter.deliver(store).problem())
          .hasValueSatisfying(p -> assertThat(p).startsWith("backing off"));
      assertThat(policyPulls).hasValue(1);

      oversize.set(false);
      now.set(now.get().plus(Duration.ofMinutes(11)));
      Reporter.Round retried = reporter.deliver(store);

      assertThat(retried.problem()).isEmpty();
      assertThat(retried.policyUpdated()).isTrue();
      assertThat(store.policy())
          .extracting(PolicyEntry::subject)
          .containsExactly("pkg:npm/postmark-mcp");
      assertThat(store.setting(Reporter.ETAG)).contains("\"p2\"");
      assertThat(policyPulls).hasValue(2);
    }
  }

  private Clock clock() {
    return new Clock() {
      @Override
      public Instant instant() {
        return now.get();
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
  }

  private static byte[] smallPolicy() throws java.io.IOException {
    return Json.mapper()
        .writeValueAsBytes(
            new Policy(
                "\"p2\"",
                List.of(
                    new PolicyEntry(
                        "pkg:npm/postmark-mcp",
                        null,
                        ReviewState.DENIED,
                        "secops",
                        "MAL-2025-47604",
                        Instant.parse("2026-11-25T07:00:00Z"))),
                0,
                List.of(),
                "0",
                null,
                null));
  }
}
