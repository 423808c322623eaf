package dev.daylight.ui.session;

import dev.daylight.ui.concurrent.UiExecutor;
import dev.daylight.ui.data.DaylightData;
import dev.daylight.ui.data.Overview;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that talks to the agent: loads the stored overview, notices when the store changed,
 * scans on demand and acknowledges findings. Every other view model listens to {@link
 * #overviewProperty()}.
 */
public final class SessionViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(SessionViewModel.class);
  private static final long UNKNOWN = Long.MIN_VALUE;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final DaylightData data;
  private final UiExecutor executor;
  private final ObjectProperty<Overview> overview = new SimpleObjectProperty<>(Overview.empty());
  private final BooleanProperty scanning = new SimpleBooleanProperty();
  private final DoubleProperty progress = new SimpleDoubleProperty();
  private final StringProperty status = new SimpleStringProperty("");
  private final AtomicLong seenMarker = new AtomicLong(UNKNOWN);
  private final AtomicBoolean scanRequested = new AtomicBoolean();

  public SessionViewModel(DaylightData data, UiExecutor executor) {
    this.data = data;
    this.executor = executor;
  }

  public ReadOnlyObjectProperty<Overview> overviewProperty() {
    return overview;
  }

  public Overview overview() {
    return overview.get();
  }

  public ReadOnlyBooleanProperty scanningProperty() {
    return scanning;
  }

  /** 0..1 while the amount of work is known, negative (indeterminate) otherwise. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status;
  }

  /** Reloads from the store. */
  public void refresh() {
    executor.background(this::loadNow);
  }

  /**
   * First load at start; scans as well when asked to or when the store holds no scan yet, so a
   * fresh install shows this machine at once instead of an empty table.
   */
  public void start(boolean scan) {
    executor.background(
        () -> {
          loadNow();
          if (scan || data.load().lastScan().isEmpty()) {
            executor.ui(this::scanNow);
          }
        });
  }

  /** Reloads only when the store changed since the last load; cheap enough for a timer. */
  public void refreshIfChanged() {
    executor.background(
        () -> {
          long marker = readMarker();
          if (marker == UNKNOWN || marker != seenMarker.get()) {
            loadNow();
          }
        });
  }

  /** Starts a scan unless one is running; the window stays responsive meanwhile. */
  public void scanNow() {
    if (!scanRequested.compareAndSet(false, true)) {
      return;
    }
    scanning.set(true);
    progress.set(-1);
    status.set("Scanning…");
    executor.background(
        () -> {
          try {
            data.scan(
                (fraction, message) ->
                    executor.ui(
                        () -> {
                          progress.set(fraction);
                          status.set(message);
                        }));
            loadNow();
            LOG.info("Scan finished and stored");
            executor.ui(() -> status.set("Scan finished"));
          } catch (RuntimeException e) {
            LOG.warn("Scan failed", e);
            executor.ui(() -> status.set("Scan failed: " + describe(e)));
          } finally {
            scanRequested.set(false);
            executor.ui(
                () -> {
                  scanning.set(false);
                  progress.set(0);
                });
          }
        });
  }

  /** Marks a finding as seen, then reloads so every view shows it. */
  public void acknowledge(String findingId) {
    executor.background(
        () -> {
          try {
            data.acknowledge(findingId);
            loadNow();
          } catch (RuntimeException e) {
            LOG.warn("Acknowledging {} failed", findingId, e);
            executor.ui(() -> status.set("Could not acknowledge: " + describe(e)));
          }
        });
  }

  /** Shows a line in the status bar; used by actions that have no other feedback. */
  public void say(String message) {
    executor.ui(() -> status.set(message));
  }

  private void loadNow() {
    try {
      long marker = readMarker();
      Overview loaded = data.load();
      seenMarker.set(marker);
      LOG.info(
          "Showing {} servers, {} findings, {} apps",
          loaded.servers().size(),
          loaded.allFindings().count(),
          loaded.clients().size());
      executor.ui(
          () -> {
            overview.set(loaded);
            if (!scanning.get()) {
              status.set(
                  loaded
                          .lastScan()
                          .map(t -> "Last scan " + TIME.format(t))
                          .orElse("No scan stored yet: use Scan now")
                      + loaded.notice().map(n -> ". " + n).orElse(""));
            }
          });
    } catch (RuntimeException e) {
      LOG.warn("Reading the store failed", e);
      executor.ui(() -> status.set("Could not read Daylight's data: " + describe(e)));
    }
  }

  private long readMarker() {
    try {
      return data.changeMarker();
    } catch (RuntimeException e) {
      LOG.debug("Change marker unavailable", e);
      return UNKNOWN;
    }
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
