package dev.daylight.ui.apps;

import dev.daylight.ui.apps.AppsViewModel.AppRow;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The AI apps tab: every AI app found, and the evidence for the selected one. */
public final class AppsView {
  private final AppsViewModel vm;

  public AppsView(AppsViewModel vm) {
    this.vm = vm;
  }

  public Node build() {
    TextField search = new TextField();
    search.setId("app-search");
    search.setPromptText("name or kind…");
    search.textProperty().bindBidirectional(vm.searchProperty());
    HBox.setHgrow(search, Priority.ALWAYS);
    Label searchLabel = new Label("Searc_h:");
    searchLabel.setMnemonicParsing(true);
    searchLabel.setLabelFor(search);
    HBox bar = new HBox(searchLabel, search);
    bar.getStyleClass().add("filter-bar");

    TableView<AppRow> table = new TableView<>();
    table.setId("apps-table");
    table.setPlaceholder(new Label("No AI apps found yet."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    SortedList<AppRow> sorted = new SortedList<>(vm.visibleApps());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    table.getColumns().add(column("App", a -> a.client().name()));
    table.getColumns().add(column("Kind", AppRow::kind));
    table.getColumns().add(column("Version", AppRow::version));
    table.getColumns().add(column("MCP", AppRow::mcp));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> vm.selectedProperty().set(now));

    ListView<String> evidence = new ListView<>(vm.selectedEvidence());
    evidence.setId("app-evidence");
    evidence.setPlaceholder(new Label("Select an app to see where Daylight found it."));
    Label evidenceLabel = new Label("E_vidence:");
    evidenceLabel.setMnemonicParsing(true);
    evidenceLabel.setLabelFor(evidence);
    VBox.setVgrow(evidence, Priority.ALWAYS);
    VBox lower = new VBox(evidenceLabel, evidence);
    lower.getStyleClass().add("details");

    SplitPane split = new SplitPane(table, lower);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.6);
    VBox.setVgrow(split, Priority.ALWAYS);
    return new VBox(bar, split);
  }

  private static TableColumn<AppRow, String> column(String title, Function<AppRow, String> value) {
    TableColumn<AppRow, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    return column;
  }
}
