package dev.daylight.agent.managed;

import dev.daylight.agent.report.CaFile;
import dev.daylight.agent.report.Credentials;
import dev.daylight.agent.report.Endpoint;
import dev.daylight.agent.report.EnrollFailure;
import dev.daylight.agent.report.Enroller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's enrollment on its first start, from what the installer configured: with no node key
 * yet and a collector and secret in the managed configuration, trade the secret for a node key. The
 * daemon calls it before each delivery, so a collector that is down at first start is enrolled with
 * later, and a configuration written after installation is picked up without a restart.
 */
public final class AutoEnroll {
  private static final Logger log = LoggerFactory.getLogger(AutoEnroll.class);

  /** What one call did. */
  public enum Outcome {
    ALREADY_ENROLLED,
    ENROLLED,
    NOT_CONFIGURED,
    FAILED
  }

  private AutoEnroll() {}

  /**
   * @param config read only when the agent still needs enrolling
   */
  public static Outcome ensure(Path stateDir, Supplier<ManagedConfig> config) {
    try {
      if (Credentials.load(stateDir).isPresent()) {
        return Outcome.ALREADY_ENROLLED;
      }
    } catch (UncheckedIOException e) {
      log.warn("unreadable collector credentials, enrolling again: {}", e.getMessage());
    }
    ManagedConfig managed = config.get();
    if (!managed.canEnroll()) {
      return Outcome.NOT_CONFIGURED;
    }
    String collector = managed.collector().orElseThrow().toString();
    String shown = Endpoint.display(collector);
    try {
      String caPem =
          managed.caFile().isPresent() ? CaFile.read(managed.caFile().get(), "ca_file") : null;
      Credentials c =
          Enroller.enroll(
              stateDir,
              collector,
              managed.enrollSecret().orElseThrow(),
              caPem,
              managed.pin().orElse(null));
      log.atInfo()
          .addKeyValue("collector", shown)
          .addKeyValue("node", c.nodeId())
          .log("enrolled from the managed configuration");
      record(stateDir, new EnrollmentState(true, Instant.now(), shown, ""));
      return Outcome.ENROLLED;
    } catch (IOException | RuntimeException e) {
      // The reason names the collector and the failure, never the secret.
      String reason = EnrollFailure.describe(e);
      log.warn("enrollment with {} failed, trying again at the next delivery: {}", shown, reason);
      record(stateDir, new EnrollmentState(false, Instant.now(), shown, reason));
      return Outcome.FAILED;
    }
  }

  private static void record(Path stateDir, EnrollmentState state) {
    try {
      state.save(stateDir);
    } catch (UncheckedIOException e) {
      log.warn("cannot record the enrollment state in {}: {}", stateDir, e.getMessage());
    }
  }
}
