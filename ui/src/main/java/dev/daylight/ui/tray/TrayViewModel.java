package dev.daylight.ui.tray;

import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Severity;
import dev.daylight.ui.data.FindingItem;
import dev.daylight.ui.data.Overview;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.servers.Approvals;
import dev.daylight.ui.session.SessionViewModel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The tray's state: icon level and tooltip from the worst open finding, and one notification for
 * each new high or critical finding unless notifications are paused. A notification says when its
 * server is not running because its client's policy blocks it or the user refused it, and warns
 * when it waits for an approval that would start it.
 */
public final class TrayViewModel {
  private final ObjectProperty<TrayLevel> level = new SimpleObjectProperty<>(TrayLevel.CLEAR);
  private final StringProperty tooltip = new SimpleStringProperty("Daylight: clear");
  private final BooleanProperty paused = new SimpleBooleanProperty();
  private final NotifiedLedger ledger;
  private final Consumer<Notification> notifier;

  public TrayViewModel(
      SessionViewModel session, NotifiedLedger ledger, Consumer<Notification> notifier) {
    this.ledger = ledger;
    this.notifier = notifier;
    session.overviewProperty().addListener((o, was, now) -> show(now));
    show(session.overview());
  }

  public ReadOnlyObjectProperty<TrayLevel> levelProperty() {
    return level;
  }

  public ReadOnlyStringProperty tooltipProperty() {
    return tooltip;
  }

  /** While true no notification is shown, and findings raised meanwhile are not announced later. */
  public BooleanProperty pausedProperty() {
    return paused;
  }

  private void show(Overview overview) {
    Optional<Severity> worst = overview.worstOpen();
    level.set(TrayLevel.of(worst));
    tooltip.set(tooltipText(overview, worst) + overview.notice().map(n -> "\n" + n).orElse(""));
    announce(overview);
  }

  static String tooltipText(Overview overview, Optional<Severity> worst) {
    long open = overview.openFindings().count();
    if (open == 0) {
      return "Daylight: clear, no open findings";
    }
    Severity w = worst.orElseThrow();
    long ofWorst = overview.openFindings().filter(f -> f.finding().severity() == w).count();
    return "Daylight: "
        + TrayLevel.of(worst).word()
        + ", "
        + open
        + " open finding"
        + (open == 1 ? "" : "s")
        + " ("
        + ofWorst
        + " "
        + w.wire()
        + ")";
  }

  private void announce(Overview overview) {
    Map<String, ServerRow> servers =
        overview.servers().stream()
            .flatMap(s -> s.findings().stream().map(f -> Map.entry(f.id(), s)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    List<FindingItem> fresh =
        overview
            .allFindings()
            .filter(f -> f.finding().severity().atLeast(Severity.HIGH))
            .filter(f -> !f.acknowledged())
            .filter(f -> !ledger.contains(f.id()))
            .collect(
                Collectors.toMap(
                    FindingItem::id,
                    Function.identity(),
                    (a, b) -> a,
                    java.util.LinkedHashMap::new))
            .values()
            .stream()
            // Worst first: when messages queue up, the critical one is seen first.
            .sorted(java.util.Comparator.comparing(f -> f.finding().severity()))
            .toList();
    if (fresh.isEmpty()) {
      return;
    }
    Set<String> ids = new LinkedHashSet<>();
    fresh.forEach(f -> ids.add(f.id()));
    ledger.addAll(ids);
    if (paused.get()) {
      return;
    }
    for (FindingItem item : fresh) {
      Finding f = item.finding();
      // Whether it runs changes what to do: a pending one must not be approved.
      String where =
          Optional.ofNullable(servers.get(f.id()))
              .map(
                  s ->
                      " Server: "
                          + s.name()
                          + " in "
                          + s.client()
                          + "."
                          + Approvals.notice(s).map(n -> " " + n).orElse(""))
              .orElse("");
      notifier.accept(
          new Notification(
              f.id(),
              f.severity(),
              "Daylight: " + f.severity().wire() + " finding",
              f.title() + "." + where + " Open Daylight to see what to do."));
    }
  }
}
