package dev.daylight.agent.change;

import static dev.daylight.testing.Inventories.npx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustTest {
  /** A ledger held in maps, the same questions the store answers from SQL. */
  static final class MapLedger implements Trust.Ledger {
    final Map<String, ReviewState> local = new HashMap<>();
    final Map<String, String> baseline = new HashMap<>();
    final Map<String, ReviewState> fleet = new HashMap<>();

    @Override
    public Optional<ReviewState> local(String purl, String version) {
      return Optional.ofNullable(local.get(purl + "@" + version));
    }

    @Override
    public Optional<String> baseline(String purl) {
      return Optional.ofNullable(baseline.get(purl));
    }

    @Override
    public Optional<ReviewState> fleet(String subject, String version) {
      ReviewState exact = fleet.get(subject + "@" + version);
      return Optional.ofNullable(exact != null ? exact : fleet.get(subject));
    }
  }

  private final MapLedger ledger = new MapLedger();

  @Test
  void firstSeenVersionIsUnreviewedWithoutFinding() {
    Trust.Outcome out = Trust.assess(List.of(npx("pm", "postmark-mcp", "1.0.15")), ledger);
    assertThat(out.findings()).isEmpty();
    assertThat(out.states()).containsValue(ReviewState.UNREVIEWED);
  }

  @Test
  void aVersionOtherThanTheBaselineIsSuspendedWithAHighFinding() {
    ledger.baseline.put("pkg:npm/postmark-mcp", "1.0.15");
    Trust.Outcome out = Trust.assess(List.of(npx("pm", "postmark-mcp", "1.0.16")), ledger);
    assertThat(out.states())
        .containsEntry(
            new Trust.PackageVersion("pkg:npm/postmark-mcp", "1.0.16"), ReviewState.SUSPENDED);
    assertThat(out.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo(Trust.VERSION_CHANGED);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.title()).contains("1.0.15").contains("1.0.16");
              assertThat(f.id())
                  .isEqualTo(Trust.versionChangedId("pkg:npm/postmark-mcp", "1.0.16"));
            });
  }

  @Test
  void localApprovalOrFleetApprovalNeedsNoReview() {
    ledger.baseline.put("pkg:npm/postmark-mcp", "1.0.15");
    ledger.local.put("pkg:npm/postmark-mcp@1.0.16", ReviewState.APPROVED);
    assertThat(Trust.assess(List.of(npx("pm", "postmark-mcp", "1.0.16")), ledger).findings())
        .isEmpty();
    ledger.local.clear();
    ledger.fleet.put("pkg:npm/postmark-mcp", ReviewState.APPROVED);
    assertThat(Trust.assess(List.of(npx("pm", "postmark-mcp", "1.0.16")), ledger).findings())
        .isEmpty();
  }

  @Test
  void fleetDenialBeatsLocalApprovalAndRaisesDenied() {
    ledger.local.put("pkg:npm/postmark-mcp@1.0.16", ReviewState.APPROVED);
    ledger.fleet.put("pkg:npm/postmark-mcp@1.0.16", ReviewState.DENIED);
    Trust.Outcome out = Trust.assess(List.of(npx("pm", "postmark-mcp", "1.0.16")), ledger);
    assertThat(out.findings()).extracting(f -> f.rule()).containsExactly(Trust.DENIED);
  }

  @Test
  void aDeniedServerNameRaisesDeniedEvenWithoutPackage() {
    ledger.fleet.put("server:pm", ReviewState.DENIED);
    Trust.Outcome out = Trust.assess(List.of(npx("pm", "postmark-mcp", null)), ledger);
    assertThat(out.findings()).extracting(f -> f.rule()).containsExactly(Trust.DENIED);
    assertThat(out.states()).isEmpty();
  }
}
