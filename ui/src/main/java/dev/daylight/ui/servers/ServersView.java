package dev.daylight.ui.servers;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Severity;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.data.ServerStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The servers tab: search and filter, the table, and the details of the selected row. */
public final class ServersView {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final ServersViewModel vm;
  private final TextField search = new TextField();
  private final TableView<ServerRow> table = new TableView<>();

  public ServersView(ServersViewModel vm) {
    this.vm = vm;
  }

  public TextField searchField() {
    return search;
  }

  public Node build() {
    search.setId("server-search");
    search.setPromptText("client, server, package, file…");
    search.textProperty().bindBidirectional(vm.searchProperty());
    HBox.setHgrow(search, Priority.ALWAYS);
    Label searchLabel = new Label("_Search:");
    searchLabel.setMnemonicParsing(true);
    searchLabel.setLabelFor(search);

    ChoiceBox<RowFilter> filter = new ChoiceBox<>();
    filter.setId("server-filter");
    filter.getItems().setAll(RowFilter.values());
    filter.valueProperty().bindBidirectional(vm.filterProperty());
    Label filterLabel = new Label("Sho_w:");
    filterLabel.setMnemonicParsing(true);
    filterLabel.setLabelFor(filter);
    HBox bar = new HBox(searchLabel, search, filterLabel, filter);
    bar.getStyleClass().add("filter-bar");

    buildTable();
    SplitPane split = new SplitPane(table, new DetailsView(vm).build());
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.5);

    // A VBox, not a BorderPane, so Tab walks search, filter, table, details in reading order.
    VBox.setVgrow(split, Priority.ALWAYS);
    return new VBox(bar, split);
  }

  private void buildTable() {
    table.setId("servers-table");
    table.setPlaceholder(new Label("No MCP servers found yet. Use Scan now to look."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    SortedList<ServerRow> sorted = new SortedList<>(vm.visibleRows());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    TableColumn<ServerRow, Optional<Severity>> worst = worst();
    table.getColumns().add(text("Client", ServerRow::client, 115));
    table.getColumns().add(text("Server", ServerRow::name, 110));
    table.getColumns().add(text("Package", ServerRow::packageLabel, 210));
    table.getColumns().add(text("Transport", r -> r.transport().wire(), 80));
    table.getColumns().add(text("Can", r -> CapabilityWords.symbols(r.capabilities()), 70));
    table.getColumns().add(status());
    table.getColumns().add(approval());
    table.getColumns().add(worst);
    table.getColumns().add(time("First seen", ServerRow::firstSeen));
    table.getColumns().add(time("Last seen", ServerRow::lastSeen));
    // Worst first until the person sorts otherwise.
    table.getSortOrder().add(worst);

    // Tabbing into the table selects a row at once, so keyboard users see details without a click.
    table
        .focusedProperty()
        .addListener(
            (o, was, focused) -> {
              if (focused && table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                table.getSelectionModel().selectFirst();
              }
            });
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> vm.selectedProperty().set(now));
    vm.selectedProperty()
        .addListener(
            (o, was, now) -> {
              if (now != table.getSelectionModel().getSelectedItem()) {
                if (now == null) {
                  table.getSelectionModel().clearSelection();
                } else {
                  table.getSelectionModel().select(now);
                }
              }
            });
  }

  private static TableColumn<ServerRow, String> text(
      String title, Function<ServerRow, String> value, double width) {
    TableColumn<ServerRow, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    return column;
  }

  private static TableColumn<ServerRow, Instant> time(
      String title, Function<ServerRow, Instant> value) {
    TableColumn<ServerRow, Instant> column = new TableColumn<>(title);
    column.setPrefWidth(130);
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : TIME.format(item));
              }
            });
    return column;
  }

  private static TableColumn<ServerRow, ServerStatus> status() {
    TableColumn<ServerRow, ServerStatus> column = new TableColumn<>("Status");
    column.setPrefWidth(100);
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(ServerStatus item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("status-"));
                setText(empty || item == null ? null : item.label());
                if (!empty && item != null) {
                  getStyleClass().add("status-" + item.label());
                }
              }
            });
    return column;
  }

  /** Whether the person let the client start it, where the client asks (Claude Code's projects). */
  private static TableColumn<ServerRow, ServerRow> approval() {
    TableColumn<ServerRow, ServerRow> column = new TableColumn<>("Your approval");
    column.setPrefWidth(110);
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    // Waiting first (one click from running), then refused, approved, and servers nobody asks
    // about.
    column.setComparator(
        Comparator.comparing(
            r ->
                r.approval()
                    .map(a -> a == Approval.PENDING ? 0 : a == Approval.REFUSED ? 1 : 2)
                    .orElse(3)));
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(ServerRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("approval-"));
                setText(empty || item == null ? null : Approvals.cell(item.approval()));
                setTooltip(
                    empty || item == null
                        ? null
                        : Approvals.explanation(item).map(Tooltip::new).orElse(null));
                if (!empty && item != null) {
                  Approvals.styleClass(item).ifPresent(getStyleClass()::add);
                }
              }
            });
    return column;
  }

  private static TableColumn<ServerRow, Optional<Severity>> worst() {
    TableColumn<ServerRow, Optional<Severity>> column = new TableColumn<>("Worst finding");
    column.setPrefWidth(120);
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().worst()));
    // Worst first when sorted ascending; rows without findings last.
    column.setComparator(Comparator.comparing(o -> o.map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(Optional<Severity> item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("severity-"));
                setText(empty || item == null ? null : Severities.label(item));
                if (!empty && item != null) {
                  getStyleClass().add(Severities.styleClass(item));
                }
              }
            });
    return column;
  }
}
