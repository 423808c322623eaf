package dev.daylight.agent.report;

import dev.daylight.agent.approval.ApprovalPolicy;
import dev.daylight.agent.approval.Approvals;
import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.intel.IntelStore;
import dev.daylight.agent.store.OutboxItem;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox and pulls fleet policy. At-least-once: a report is marked delivered only
 * after the collector answered 2xx, and a retry reuses its report id, which the collector stores
 * once. A failed round backs off exponentially with jitter; later rounds before the wait is over
 * return at once, so a collector down for an hour costs a handful of requests.
 */
public final class Reporter {
  private static final Logger log = LoggerFactory.getLogger(Reporter.class);
  static final int BATCH = 50;
  static final String ETAG = "report.policy-etag";
  static final String CURSOR = "report.intel-cursor";

  /** Why the last policy answer was refused (bad or missing signature); blank after a good one. */
  public static final String POLICY_REFUSED = "report.policy-refused";

  /** Setting holding the policy's scan interval in seconds (0: none); the daemon applies it. */
  public static final String SCAN_INTERVAL = "report.scan-interval-seconds";

  /** What one round did. */
  public record Round(
      int delivered, int rejected, int pending, boolean policyUpdated, Optional<String> problem) {
    /**
     * Whether a later round may succeed with nobody acting: false when delivery stopped because the
     * agent must be enrolled (again), so the daemon does not start retries that cannot work.
     */
    public boolean worthRetrying() {
      return problem.isPresent() && !problem.get().contains(NEEDS_ENROLLING);
    }
  }

  /** Every problem that only enrolling can solve says so with these words. */
  static final String NEEDS_ENROLLING = "run daylight enroll";

  private final Path stateDir;
  private final Clock clock;
  private final Backoff backoff;
  private int failures;
  private Instant notBefore = Instant.EPOCH;

  public Reporter(Path stateDir) {
    this(stateDir, Clock.systemUTC(), Backoff.standard());
  }

  Reporter(Path stateDir, Clock clock, Backoff backoff) {
    this.stateDir = stateDir;
    this.clock = clock;
    this.backoff = backoff;
  }

  /** One round from the daemon: skipped while backing off. */
  public synchronized Round deliver(Store store) {
    if (clock.instant().isBefore(notBefore)) {
      return new Round(
          0,
          0,
          store.outboxDepth(),
          false,
          Optional.of("backing off after " + failures + " failure(s)"));
    }
    return deliverNow(store);
  }

  /** One round right away ({@code scan --report}), ignoring any backoff. */
  public synchronized Round deliverNow(Store store) {
    Optional<Credentials> creds;
    CollectorClient client;
    try {
      creds = Credentials.load(stateDir);
      if (creds.isEmpty()) {
        return new Round(
            0, 0, store.outboxDepth(), false, Optional.of("not enrolled: run daylight enroll"));
      }
      client = CollectorClient.of(creds.get());
    } catch (RuntimeException e) {
      // A damaged collector.json, or one an older agent wrote with a URL now refused: the daemon
      // keeps running and says what to do. Endpoint's messages never show a password.
      String problem =
          "collector credentials unusable (" + e.getMessage() + "): run daylight enroll again";
      log.warn("report delivery skipped: {}", problem);
      return new Round(0, 0, store.outboxDepth(), false, Optional.of(problem));
    }
    String key = creds.get().nodeKey();
    boolean policyUpdated = false;
    int delivered = 0;
    int rejected = 0;
    String problem = null;
    try {
      policyUpdated = pullPolicy(client, creds.get(), store);
      policyUpdated |= SnapshotPull.pull(client, stateDir, store);
      if (store.setting(POLICY_REFUSED).filter(r -> !r.isBlank()).isPresent()) {
        store.putSetting(POLICY_REFUSED, ""); // what the collector sent since verified again
      }
    } catch (CollectorClient.SignatureRefused e) {
      // Kept for `daylight status`; the reports wait too: the answer did not come from our
      // collector.
      problem = e.getMessage();
      store.putSetting(POLICY_REFUSED, e.getMessage());
    } catch (CollectorClient.KeyRefused e) {
      problem =
          e.getMessage()
              + (e.reenrollAllowed
                  ? ": re-enrollment allowed, enrolling again"
                  : ": " + NEEDS_ENROLLING + " again once an administrator allows it");
      if (e.reenrollAllowed) {
        Credentials.retire(
            stateDir); // the managed configuration's enrollment runs at the next delivery
      }
    } catch (IOException e) {
      problem = "policy pull failed: " + e.getMessage();
    }
    outer:
    while (problem == null) {
      List<OutboxItem> batch = store.pendingReports(BATCH);
      if (batch.isEmpty()) {
        break;
      }
      int progress = 0;
      for (OutboxItem item : batch) {
        switch (client.send(item.report(), key)) {
          case DELIVERED -> {
            store.markDelivered(item.report().reportId());
            delivered++;
            progress++;
          }
          case REJECTED -> {
            // Kept (never silently dropped) and counted; the next reports still go out.
            store.markFailed(item.report().reportId(), "rejected by the collector");
            rejected++;
          }
          case UNAUTHORIZED -> {
            problem = "the collector no longer knows this node key: run daylight enroll again";
            break outer;
          }
          case RETRY -> {
            problem = "collector unreachable or failing";
            break outer;
          }
        }
      }
      if (progress == 0) {
        break; // only rejected reports are left: wait for the next round
      }
    }
    if (problem == null) {
      failures = 0;
      notBefore = Instant.EPOCH;
    } else {
      failures++;
      notBefore = clock.instant().plus(backoff.delay(failures));
      log.atWarn()
          .addKeyValue("failures", failures)
          .addKeyValue("pending", store.outboxDepth())
          .log("report delivery stopped: {}", problem);
    }
    if (delivered > 0) {
      log.atInfo().addKeyValue("delivered", delivered).log("reports delivered");
    }
    return new Round(
        delivered, rejected, store.outboxDepth(), policyUpdated, Optional.ofNullable(problem));
  }

  private boolean pullPolicy(CollectorClient client, Credentials creds, Store store)
      throws IOException {
    Optional<CollectorClient.SignedPolicy> signed =
        client.policy(
            creds.nodeKey(),
            store.setting(ETAG).orElse(null),
            store.setting(CURSOR).orElse(null),
            creds.signingKey());
    if (signed.isEmpty()) {
      return false;
    }
    if (creds.signingKey() == null && signed.get().signingKey() != null) {
      // Enrolled before collectors signed: pin the key of the first signed answer, which came over
      // the connection enrollment trusted (CA, pin or OS trust store); from now on only it counts.
      creds.pinning(signed.get().signingKey()).save(stateDir);
      log.atInfo()
          .addKeyValue(
              "keyId", dev.daylight.protocol.AnswerSignature.keyId(signed.get().signingKey()))
          .log("pinned the collector's signing key");
    }
    Optional<Policy> p = Optional.of(signed.get().policy());
    store.replacePolicy(p.get().entries());
    store.putSetting(SCAN_INTERVAL, Long.toString(Math.max(0, p.get().scanIntervalSeconds())));
    // Blank when the fleet leaves the guard to each machine (the local mode then applies).
    store.putSetting(Guard.FLEET_MODE, p.get().guard() == null ? "" : p.get().guard().mode());
    store.putSetting(
        Guard.FLEET_INSTALL_HOOKS,
        p.get().guard() == null ? "" : Boolean.toString(p.get().guard().installHooks()));
    store.putSetting(
        ApprovalPolicy.FLEET_CLASSES, ApprovalPolicy.fleetSetting(p.get().approvalClasses()));
    Approvals.closeApproved(
        store); // a fleet approval by class or server lets the guard through now
    if (!p.get().intel().isEmpty()) {
      // Intel first, cursor after: a crash in between fetches the same records again, no gap.
      // The next scan's IntelSource sees the imported records.
      new IntelStore(stateDir).importRecords(p.get().intel());
      log.atInfo().addKeyValue("records", p.get().intel().size()).log("fleet intel imported");
    }
    if (p.get().etag() != null) {
      store.putSetting(ETAG, p.get().etag());
    }
    if (p.get().intelCursor() != null) {
      store.putSetting(CURSOR, p.get().intelCursor());
    }
    return true;
  }
}
