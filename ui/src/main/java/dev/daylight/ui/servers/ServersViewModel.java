package dev.daylight.ui.servers;

import dev.daylight.agent.store.Acknowledgement;
import dev.daylight.ui.concurrent.UiExecutor;
import dev.daylight.ui.data.FindingItem;
import dev.daylight.ui.data.Overview;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.session.DesktopActions;
import dev.daylight.ui.session.SessionViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** State of the servers tab: the filtered rows, the selected row and its findings, and actions. */
public final class ServersViewModel {
  private final SessionViewModel session;
  private final DesktopActions desktop;
  private final UiExecutor executor;
  private final Clock clock;
  private final ObservableList<ServerRow> rows = FXCollections.observableArrayList();
  private final FilteredList<ServerRow> visibleRows = new FilteredList<>(rows);
  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<RowFilter> filter = new SimpleObjectProperty<>(RowFilter.ALL);
  private final ObjectProperty<ServerRow> selected = new SimpleObjectProperty<>();
  private final ObservableList<FindingItem> selectedFindings = FXCollections.observableArrayList();
  private final ObservableList<FindingItem> hostFindings = FXCollections.observableArrayList();
  private boolean autoSelected;

  public ServersViewModel(
      SessionViewModel session, DesktopActions desktop, UiExecutor executor, Clock clock) {
    this.session = session;
    this.desktop = desktop;
    this.executor = executor;
    this.clock = clock;
    search.addListener((o, was, now) -> applyFilter());
    filter.addListener((o, was, now) -> applyFilter());
    selected.addListener(
        (o, was, now) ->
            selectedFindings.setAll(now == null ? java.util.List.of() : now.findings()));
    session.overviewProperty().addListener((o, was, now) -> show(now));
    show(session.overview());
  }

  public ObservableList<ServerRow> visibleRows() {
    return visibleRows;
  }

  public StringProperty searchProperty() {
    return search;
  }

  public ObjectProperty<RowFilter> filterProperty() {
    return filter;
  }

  public ObjectProperty<ServerRow> selectedProperty() {
    return selected;
  }

  public ObservableList<FindingItem> selectedFindings() {
    return selectedFindings;
  }

  /** Findings about this computer rather than one server (an installed malicious package...). */
  public ObservableList<FindingItem> hostFindings() {
    return hostFindings;
  }

  public BooleanBinding noSelection() {
    return Bindings.isNull(selected);
  }

  /**
   * Acknowledges a low or medium finding; a critical or high one is closed only by a fix or a
   * reviewer's decision, and the status bar says so instead.
   */
  public void acknowledge(FindingItem item) {
    if (!Acknowledgement.allowedFor(item.finding().severity())) {
      session.say(Acknowledgement.howToResolve(item.finding().severity()));
    } else if (!item.acknowledged()) {
      session.acknowledge(item.id());
    }
  }

  /** Opens the folder holding the selected server's config file. */
  public void openConfigFolder() {
    Optional.ofNullable(selected.get())
        .map(row -> Path.of(row.configPath()).toAbsolutePath().getParent())
        .ifPresent(
            folder ->
                executor.background(
                    () -> {
                      try {
                        desktop.openFolder(folder);
                      } catch (RuntimeException e) {
                        session.say("Could not open " + folder + ": " + e.getMessage());
                      }
                    }));
  }

  public void openAdvisory(String advisoryId) {
    Advisories.link(advisoryId)
        .ifPresent(
            url ->
                executor.background(
                    () -> {
                      try {
                        desktop.openLink(url);
                      } catch (RuntimeException e) {
                        session.say("Could not open " + url + ": " + e.getMessage());
                      }
                    }));
  }

  /** Copies the plain-text help-desk report of the selected server. */
  public void copyReport() {
    ServerRow row = selected.get();
    if (row != null) {
      desktop.copyText(HelpDeskReport.of(row, clock.instant()));
      session.say("Report for " + row.name() + " copied to the clipboard");
    }
  }

  public static Optional<String> advisoryLink(String advisoryId) {
    return Advisories.link(advisoryId);
  }

  public static String evidenceText(FindingItem item) {
    return item.finding().evidence() == null
        ? ""
        : HelpDeskReport.evidence(item.finding().evidence());
  }

  private void show(Overview overview) {
    String keep = selected.get() == null ? null : selected.get().serverId();
    hostFindings.setAll(overview.hostFindings());
    rows.setAll(overview.servers());
    if (keep == null && !autoSelected && !rows.isEmpty()) {
      // The first time there is something to show, show the worst server's details at once.
      autoSelected = true;
      selected.set(
          rows.stream()
              .min(
                  Comparator.comparing(r -> r.worst().map(Enum::ordinal).orElse(Integer.MAX_VALUE)))
              .orElseThrow());
      return;
    }
    selected.set(
        keep == null
            ? null
            : rows.stream().filter(r -> r.serverId().equals(keep)).findFirst().orElse(null));
  }

  private void applyFilter() {
    String needle = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
    RowFilter chosen = filter.get() == null ? RowFilter.ALL : filter.get();
    visibleRows.setPredicate(row -> chosen.accepts(row) && matches(row, needle));
  }

  private static boolean matches(ServerRow row, String needle) {
    if (needle.isEmpty()) {
      return true;
    }
    String haystack =
        String.join(
            "\n",
            row.client(),
            row.name(),
            row.packageLabel(),
            row.configPath(),
            row.status().label(),
            row.transport().wire(),
            row.launchLine(),
            Approvals.cell(row.approval()));
    return haystack.toLowerCase(Locale.ROOT).contains(needle)
        || row.findings().stream()
            .anyMatch(f -> f.finding().title().toLowerCase(Locale.ROOT).contains(needle));
  }
}
