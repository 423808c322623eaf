package dev.daylight.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.ui.InMemoryData;
import dev.daylight.ui.concurrent.UiExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionViewModelTest {
  private final InMemoryData data = InMemoryData.seeded();
  private final SessionViewModel session = new SessionViewModel(data, UiExecutor.sameThread());

  @Test
  void refreshLoadsTheStoredOverview() {
    session.refresh();

    assertThat(session.overview().servers())
        .extracting(r -> r.name())
        .containsExactly("postmark", "github", "files", "docs");
    assertThat(session.overview().clients()).hasSize(2);
  }

  @Test
  void startScansOnlyWhenAskedOrWhenNothingWasEverScanned() {
    session.start(false);
    assertThat(data.scans.get()).isZero();

    session.start(true);
    assertThat(data.scans.get()).isEqualTo(1);

    InMemoryData never = InMemoryData.seeded();
    never.neverScanned = true;
    new SessionViewModel(never, UiExecutor.sameThread()).start(false);
    assertThat(never.scans.get()).isEqualTo(1);
  }

  @Test
  void refreshIfChangedReadsTheStoreOnlyWhenItsMarkerMoved() {
    session.refresh();
    int loads = data.loads.get();

    session.refreshIfChanged();
    assertThat(data.loads.get()).isEqualTo(loads);

    data.store(List.of(InMemoryData.postmark()));
    session.refreshIfChanged();
    assertThat(data.loads.get()).isEqualTo(loads + 1);
    assertThat(session.overview().servers()).hasSize(1);
  }

  @Test
  void scanNowReportsProgressThenShowsTheStoredResult() {
    List<Double> progress = new ArrayList<>();
    session.progressProperty().addListener((o, was, now) -> progress.add(now.doubleValue()));
    data.afterScan = List.of(InMemoryData.postmark());

    session.scanNow();

    assertThat(data.scans.get()).isEqualTo(1);
    assertThat(progress).contains(-1.0, 0.5, 1.0);
    assertThat(session.scanningProperty().get()).isFalse();
    assertThat(session.statusProperty().get()).isEqualTo("Scan finished");
    assertThat(session.overview().servers()).hasSize(1);
  }

  @Test
  void aFailedScanSaysWhyAndEndsTheScanningState() {
    data.scanFailure = new IllegalStateException("store is locked");

    session.scanNow();

    assertThat(session.statusProperty().get()).isEqualTo("Scan failed: store is locked");
    assertThat(session.scanningProperty().get()).isFalse();
  }

  @Test
  void aSecondScanRequestWhileOneRunsIsIgnored() {
    Deque<Runnable> queued = new ArrayDeque<>();
    UiExecutor deferred =
        new UiExecutor() {
          @Override
          public void background(Runnable work) {
            queued.add(work);
          }

          @Override
          public void ui(Runnable change) {
            change.run();
          }
        };
    SessionViewModel slow = new SessionViewModel(data, deferred);

    slow.scanNow();
    slow.scanNow();
    assertThat(slow.scanningProperty().get()).isTrue();
    assertThat(queued).hasSize(1);

    queued.poll().run();
    assertThat(slow.scanningProperty().get()).isFalse();
    slow.scanNow();
    assertThat(queued).hasSize(1);
  }

  @Test
  void acknowledgeGoesToTheStoreAndTheReloadShowsIt() {
    session.refresh();

    session.acknowledge(InMemoryData.POSTMARK_FINDING);

    assertThat(data.acknowledgeCalls).containsExactly(InMemoryData.POSTMARK_FINDING);
    assertThat(session.overview().servers().get(0).findings().get(0).acknowledged()).isTrue();
  }
}
