package dev.daylight.ui.apps;

import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import dev.daylight.ui.data.Overview;
import dev.daylight.ui.session.SessionViewModel;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the AI apps tab: every AI app the agent found, marked with whether any MCP server is
 * configured for it, and the evidence of the selected one.
 */
public final class AppsViewModel {
  private final ObservableList<AppRow> apps = FXCollections.observableArrayList();
  private final FilteredList<AppRow> visibleApps = new FilteredList<>(apps);
  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<AppRow> selected = new SimpleObjectProperty<>();
  private final ObservableList<String> selectedEvidence = FXCollections.observableArrayList();

  public AppsViewModel(SessionViewModel session) {
    search.addListener((o, was, now) -> applyFilter());
    selected.addListener(
        (o, was, now) ->
            selectedEvidence.setAll(
                now == null
                    ? List.of()
                    : now.client().evidence().stream().map(AppsViewModel::describe).toList()));
    session.overviewProperty().addListener((o, was, now) -> show(now));
    show(session.overview());
  }

  /** One AI app and how many MCP servers the scan found configured for it. */
  public record AppRow(Client client, int serverCount) {
    public String kind() {
      return client.kind();
    }

    public String version() {
      return client.version() == null ? "" : client.version();
    }

    public String mcp() {
      return serverCount == 0
          ? "No MCP servers"
          : serverCount + " MCP server" + (serverCount == 1 ? "" : "s");
    }
  }

  public ObservableList<AppRow> visibleApps() {
    return visibleApps;
  }

  public StringProperty searchProperty() {
    return search;
  }

  public ObjectProperty<AppRow> selectedProperty() {
    return selected;
  }

  public ObservableList<String> selectedEvidence() {
    return selectedEvidence;
  }

  static String describe(Evidence e) {
    StringBuilder text = new StringBuilder(e.kind()).append(": ");
    if (e.file() != null) {
      text.append(e.file());
      if (e.line() != null) {
        text.append(':').append(e.line());
      }
      if (e.text() != null && !e.text().isBlank()) {
        text.append(" — ");
      }
    }
    if (e.text() != null) {
      text.append(e.text());
    }
    return text.toString();
  }

  private void show(Overview overview) {
    String keep = selected.get() == null ? null : selected.get().client().id();
    var counts =
        overview.servers().stream()
            .collect(Collectors.groupingBy(s -> s.client(), Collectors.counting()));
    apps.setAll(
        overview.clients().stream()
            .map(c -> new AppRow(c, counts.getOrDefault(c.id(), 0L).intValue()))
            .toList());
    selected.set(
        keep == null
            ? null
            : apps.stream().filter(a -> a.client().id().equals(keep)).findFirst().orElse(null));
  }

  private void applyFilter() {
    String needle = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
    visibleApps.setPredicate(
        app ->
            needle.isEmpty()
                || (app.client().name() + "\n" + app.client().id() + "\n" + app.kind())
                    .toLowerCase(Locale.ROOT)
                    .contains(needle));
  }
}
