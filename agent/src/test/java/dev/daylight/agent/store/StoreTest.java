package dev.daylight.agent.store;

import static dev.daylight.testing.Inventories.finding;
import static dev.daylight.testing.Inventories.npx;
import static dev.daylight.testing.Inventories.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.change.Lifecycle;
import dev.daylight.agent.change.Trust;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PolicyEntry;
import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.ScanError;
import dev.daylight.protocol.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  static final String PM = "pkg:npm/postmark-mcp";
  @TempDir Path dir;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static List<String> types(List<ChangeEvent> events) {
    return events.stream().map(e -> e.type().wire()).toList();
  }

  @Test
  void postmarkStory_versionChangeSuspendsTrustUntilApproved() {
    McpServer pm15 = npx("postmark", "postmark-mcp", "1.0.15");
    Recorded first = store.record(of(List.of(pm15), List.of()));
    assertThat(types(first.events())).containsExactly("server-added");
    assertThat(store.findings(true)).isEmpty();
    assertThat(store.reviewState(PM, "1.0.15")).contains(ReviewState.UNREVIEWED);

    Recorded second =
        store.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.16")), List.of()));
    assertThat(types(second.events())).containsExactly("package-version-changed", "finding-opened");
    assertThat(store.reviewState(PM, "1.0.16")).contains(ReviewState.SUSPENDED);
    StoredFinding open = store.findings(true).get(0);
    assertThat(open.finding().rule()).isEqualTo(Trust.VERSION_CHANGED);
    assertThat(open.finding().severity()).isEqualTo(Severity.HIGH);
    assertThat(store.servers().get(0).trust()).contains(ReviewState.SUSPENDED);
    assertThat(store.servers().get(0).worstOpen()).contains(Severity.HIGH);

    List<ChangeEvent> review =
        store.review(PM + "@1.0.16", "1.0.16", ReviewState.APPROVED, "alice");
    assertThat(types(review)).containsExactly("review-changed", "finding-resolved");
    assertThat(store.findings(true)).isEmpty();
    assertThat(store.findings(false))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Lifecycle.Status.RESOLVED));

    Recorded third =
        store.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.16")), List.of()));
    assertThat(third.events()).isEmpty();
    assertThat(store.findings(true)).isEmpty();

    // 1.0.15 is no longer the baseline: the last approved version is.
    store.record(of(List.of(pm15), List.of()));
    assertThat(store.findings(true))
        .extracting(f -> f.finding().purl())
        .containsExactly(PM + "@1.0.15");
  }

  @Test
  void denyingRaisesDeniedWhileConfigured() {
    store.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.15")), List.of()));
    store.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.16")), List.of()));
    List<ChangeEvent> events = store.review(PM, "1.0.16", ReviewState.DENIED, "alice");
    assertThat(types(events))
        .containsExactly("review-changed", "finding-resolved", "finding-opened");
    assertThat(store.findings(true))
        .extracting(f -> f.finding().rule())
        .containsExactly(Trust.DENIED);
    Recorded gone = store.record(of(List.of(), List.of()));
    assertThat(types(gone.events())).containsExactly("server-removed", "finding-resolved");
  }

  @Test
  void newServerIsLowAndRemovedServerResolvesItsFindings() {
    McpServer a = npx("a", "pkg-a", "1.0.0");
    Finding leak = finding("plaintext-secret:a", "plaintext-secret", Severity.MEDIUM, a);
    store.record(of(List.of(a), List.of(leak)));
    assertThat(store.findings(true)).extracting(f -> f.finding().id()).containsExactly(leak.id());

    McpServer b = npx("b", "pkg-b", "2.0.0");
    Recorded next = store.record(of(List.of(b), List.of()));
    assertThat(types(next.events()))
        .containsExactlyInAnyOrder(
            "server-added", "server-removed", "finding-opened", "finding-resolved");
    assertThat(store.findings(true))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.finding().rule()).isEqualTo(Trust.NEW_SERVER);
              assertThat(f.finding().severity()).isEqualTo(Severity.LOW);
            });
    assertThat(store.servers()).extracting(ServerView::active).containsExactly(true, false);
  }

  @Test
  void acknowledgedFindingStaysAcknowledgedWhileItPersistsAndReopensAfterResolving() {
    McpServer a = npx("a", "pkg-a", "1.0.0");
    Finding leak = finding("plaintext-secret:a", "plaintext-secret", Severity.MEDIUM, a);
    store.record(of(List.of(a), List.of(leak)));
    long before = store.changeCounter();
    assertThat(store.acknowledge(leak.id(), "known test token"))
        .isEqualTo(Acknowledgement.ACKNOWLEDGED);
    assertThat(store.changeCounter()).isGreaterThan(before);
    store.record(of(List.of(a), List.of(leak)));
    assertThat(store.findings(false))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Lifecycle.Status.ACKNOWLEDGED));
    store.record(of(List.of(a), List.of()));
    Recorded back = store.record(of(List.of(a), List.of(leak)));
    assertThat(types(back.events())).containsExactly("finding-opened");
    assertThat(store.findings(true)).hasSize(1);
  }

  @Test
  void criticalAndHighFindingsAreNeverAcknowledgedAndAnEscalatedOneReopens() {
    McpServer a = npx("a", "pkg-a", "1.0.0");
    Finding mal = finding("malicious-package:a", "malicious-package", Severity.CRITICAL, a);
    Finding leak = finding("plaintext-secret:a", "plaintext-secret", Severity.MEDIUM, a);
    store.record(of(List.of(a), List.of(mal, leak)));
    long before = store.changeCounter();
    assertThat(store.acknowledge(mal.id(), "clicked"))
        .isEqualTo(Acknowledgement.NEEDS_FIX_OR_REVIEW);
    assertThat(store.changeCounter()).isEqualTo(before);
    assertThat(store.status().openBySeverity()).containsEntry(Severity.CRITICAL, 1);
    assertThat(store.acknowledge("no-such-finding", "x")).isEqualTo(Acknowledgement.NOT_OPEN);

    assertThat(store.acknowledge(leak.id(), "test token")).isEqualTo(Acknowledgement.ACKNOWLEDGED);
    Finding worse =
        new Finding(
            leak.id(),
            leak.rule(),
            Severity.HIGH,
            leak.title(),
            leak.serverId(),
            leak.purl(),
            leak.advisory(),
            leak.evidence(),
            leak.remediation(),
            null);
    store.record(of(List.of(a), List.of(mal, worse)));
    assertThat(store.status().openBySeverity())
        .containsEntry(Severity.CRITICAL, 1)
        .containsEntry(Severity.HIGH, 1);
  }

  @Test
  void anUnreadableConfigKeepsItsServersAndFindings() {
    McpServer a = npx("a", "pkg-a", "1.0.0");
    Finding leak = finding("plaintext-secret:a", "plaintext-secret", Severity.MEDIUM, a);
    store.record(of(List.of(a), List.of(leak)));
    Recorded broken =
        store.record(
            of(
                List.of(),
                List.of(),
                List.of(new ScanError(a.configPath(), "JSON syntax error at line 4"))));
    assertThat(broken.events()).isEmpty();
    assertThat(store.findings(true)).hasSize(1);
  }

  @Test
  void outboxSendsSnapshotFirstThenDeltasAndMarksDeliveredIdempotently() {
    store.record(of(List.of(npx("a", "pkg-a", "1.0.0")), List.of()));
    store.record(of(List.of(npx("a", "pkg-a", "1.0.0")), List.of()));
    store.record(of(List.of(npx("a", "pkg-a", "1.0.1")), List.of()));
    List<OutboxItem> pending = store.pendingReports(10);
    assertThat(pending)
        .extracting(i -> i.report().kind().wire())
        .containsExactly("snapshot", "delta");
    assertThat(pending.get(1).report().events()).isNotEmpty();
    store.markFailed(pending.get(0).report().reportId(), "connection refused");
    assertThat(store.pendingReports(10).get(0).attempts()).isEqualTo(1);
    store.markDelivered(pending.get(0).report().reportId());
    store.markDelivered(pending.get(0).report().reportId());
    assertThat(store.outboxDepth()).isEqualTo(1);
    store.requestSnapshot();
    store.record(of(List.of(npx("a", "pkg-a", "1.0.1")), List.of()));
    assertThat(store.pendingReports(10))
        .extracting(i -> i.report().kind().wire())
        .containsExactly("delta", "snapshot");
  }

  @Test
  void aDeltaSentAfterAReviewCarriesTheInventoryAsTheReviewLeftIt() {
    store.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.15")), List.of()));
    store.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.16")), List.of()));
    String suspended = store.findings(true).get(0).finding().id();
    assertThat(last().inventory().findings()).extracting(Finding::id).contains(suspended);

    store.review(PM + "@1.0.16", "1.0.16", ReviewState.APPROVED, "alice");
    // The collector takes a report's inventory as the device's truth: the resolved finding must be
    // gone from it, or the collector would hold it open until the next scan.
    assertThat(last().events()).extracting(e -> e.type().wire()).contains("finding-resolved");
    assertThat(last().inventory().findings()).extracting(Finding::id).doesNotContain(suspended);
    assertThat(last().inventory().servers()).hasSize(1);

    // A later delta from outside a scan (a refused call) does not bring it back either.
    store.appendEvents(
        List.of(
            new ChangeEvent(
                "e-guard",
                dev.daylight.protocol.ChangeType.GUARD_CALL,
                java.time.Instant.now(),
                null,
                null,
                null,
                null,
                "deny: claude-code postmark send_email",
                null,
                null)));
    assertThat(last().inventory().findings()).extracting(Finding::id).doesNotContain(suspended);
  }

  private dev.daylight.protocol.Report last() {
    List<OutboxItem> pending = store.pendingReports(100);
    return pending.get(pending.size() - 1).report();
  }

  @Test
  void anUnreachableCollectorNeverGrowsTheOutboxPastItsCap() {
    for (int i = 0; i < Outbox.MAX_PENDING + 5; i++) {
      store.record(of(List.of(npx("a", "pkg-a", "1.0." + (i % 2))), List.of()));
    }
    assertThat(store.outboxDepth()).isLessThanOrEqualTo(Outbox.MAX_PENDING);
    List<OutboxItem> pending = store.pendingReports(Outbox.MAX_PENDING);
    // What survives the cut starts the collector's view afresh: a snapshot follows the dropped
    // ones.
    assertThat(pending).extracting(i -> i.report().kind().wire()).contains("snapshot");
    assertThat(pending.get(pending.size() - 1).seq()).isGreaterThan(pending.get(0).seq());
  }

  @Test
  void fleetPolicyIsKeptAndAppliedOnTheNextScan() {
    store.replacePolicy(
        List.of(new PolicyEntry(PM, null, ReviewState.DENIED, "secops", "MAL-2025-47295", null)));
    assertThat(store.policy()).singleElement().satisfies(p -> assertThat(p.version()).isNull());
    store.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.15")), List.of()));
    assertThat(store.findings(true))
        .extracting(f -> f.finding().rule())
        .containsExactly(Trust.DENIED);
  }

  @Test
  void statusCountsOpenFindingsBySeverityAndReopeningTheFileKeepsEverything() {
    McpServer a = npx("a", "pkg-a", "1.0.0");
    store.record(of(List.of(a), List.of(finding("x", "unpinned", Severity.MEDIUM, a))));
    StoreStatus status = store.status();
    assertThat(status.openBySeverity())
        .containsEntry(Severity.MEDIUM, 1)
        .containsEntry(Severity.HIGH, 0);
    assertThat(status.lastScan()).isPresent();
    assertThat(status.outboxDepth()).isEqualTo(1);
    store.close();
    store = Store.open(dir);
    assertThat(store.integrityCheck()).isEqualTo("ok");
    assertThat(store.latest()).isPresent();
    assertThat(store.events(Optional.empty())).hasSize(2);
    assertThat(store.events(Optional.of(java.time.Instant.now().plusSeconds(60)))).isEmpty();
  }

  @Test
  void deviceKeyIsCreatedOnceOwnerOnlyAndStable() throws Exception {
    byte[] key = DeviceKey.loadOrCreate(dir);
    assertThat(key).hasSize(32).isEqualTo(DeviceKey.loadOrCreate(dir));
    Path file = dir.resolve(DeviceKey.FILE_NAME);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(java.nio.file.Files.getPosixFilePermissions(file))
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }
}
