package dev.daylight.ui.main;

import dev.daylight.ui.apps.AppsView;
import dev.daylight.ui.apps.AppsViewModel;
import dev.daylight.ui.servers.HostFindingsView;
import dev.daylight.ui.servers.ServersView;
import dev.daylight.ui.servers.ServersViewModel;
import dev.daylight.ui.session.SessionViewModel;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The main window: scan bar, the servers tab and the AI apps tab. Wires controls only. */
public final class MainWindow {
  private final Label banner = new Label();

  public MainWindow(
      Stage stage, SessionViewModel session, ServersViewModel servers, AppsViewModel apps) {
    Button scan = new Button("Scan _now");
    scan.setId("scan-now");
    scan.disableProperty().bind(session.scanningProperty());
    scan.setOnAction(e -> session.scanNow());
    ProgressBar progress = new ProgressBar();
    progress.setId("scan-progress");
    progress.progressProperty().bind(session.progressProperty());
    progress.visibleProperty().bind(session.scanningProperty());
    progress.setAccessibleText("Scan progress");
    Label status = new Label();
    status.setId("status");
    status.textProperty().bind(session.statusProperty());
    ToolBar bar = new ToolBar(scan, progress, status);

    banner.setId("banner");
    banner.getStyleClass().add("banner");
    banner.setWrapText(true);
    // Without this a VBox gives the label one line and cuts the explanation off.
    banner.setMinHeight(Region.USE_PREF_SIZE);
    banner.setMaxWidth(Double.MAX_VALUE);
    banner.setVisible(false);
    banner.managedProperty().bind(banner.visibleProperty());

    ServersView serversView = new ServersView(servers);
    Tab serversTab = new Tab("MCP servers", serversView.build());
    serversTab.setId("servers-tab");
    Tab appsTab = new Tab("AI apps", new AppsView(apps).build());
    appsTab.setId("apps-tab");
    HostFindingsView hostView = new HostFindingsView(servers);
    Tab hostTab = new Tab("", hostView.build());
    hostTab.textProperty().bind(hostView.title());
    hostTab.setId("host-tab");
    TabPane tabs = new TabPane(serversTab, appsTab, hostTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

    // Children in reading order, so keyboard focus moves top to bottom.
    VBox.setVgrow(tabs, Priority.ALWAYS);
    VBox root = new VBox(banner, bar, tabs);
    Scene scene = new Scene(root, 1100, 720);
    scene
        .getStylesheets()
        .add(
            Objects.requireNonNull(MainWindow.class.getResource("/dev/daylight/ui/daylight.css"))
                .toExternalForm());
    scene
        .getAccelerators()
        .put(
            new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
            () -> {
              tabs.getSelectionModel().select(serversTab);
              serversView.searchField().requestFocus();
            });
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), session::scanNow);
    stage.setTitle("Daylight");
    stage.setMinWidth(640);
    stage.setMinHeight(420);
    stage.setScene(scene);
  }

  /** Shows a message above the toolbar, such as why there is no tray icon. */
  public void explain(String message) {
    banner.setText(message);
    banner.setVisible(true);
  }
}
