package dev.daylight.ui.servers;

import dev.daylight.agent.text.Visible;
import dev.daylight.ui.data.FindingItem;
import dev.daylight.ui.data.ServerRow;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The details pane: where the selected server is configured, and each finding with what to do. */
final class DetailsView {
  private final ServersViewModel vm;
  private final VBox findings = new VBox();
  private final VBox capabilities = new VBox();

  DetailsView(ServersViewModel vm) {
    this.vm = vm;
  }

  Node build() {
    Label title = new Label();
    title.setId("details-title");
    title.getStyleClass().add("details-title");
    title
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    Optional.ofNullable(vm.selectedProperty().get())
                        .map(r -> r.name() + " in " + r.client() + " — " + r.status().label())
                        .orElse("Select a server to see its details"),
                vm.selectedProperty()));

    Label where = new Label();
    where.setId("details-where");
    where.setWrapText(true);
    where
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    Optional.ofNullable(vm.selectedProperty().get())
                        .map(DetailsView::where)
                        .orElse(""),
                vm.selectedProperty()));

    // Where the client asks before starting it, what the person answered and what a yes would do.
    Label approval = new Label();
    approval.setId("details-approval");
    approval.setWrapText(true);
    approval.getStyleClass().add("approval-note");
    approval
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    Optional.ofNullable(vm.selectedProperty().get())
                        .flatMap(Approvals::explanation)
                        .orElse(""),
                vm.selectedProperty()));
    approval.visibleProperty().bind(approval.textProperty().isNotEmpty());
    approval.managedProperty().bind(approval.visibleProperty());
    styleApproval(approval, vm.selectedProperty().get());
    vm.selectedProperty().addListener((o, was, now) -> styleApproval(approval, now));

    // A read-only field, so the launch line can be selected and read with the keyboard.
    TextField launch = new TextField();
    launch.setId("details-launch");
    launch.setEditable(false);
    launch.getStyleClass().add("launch-line");
    launch
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    Optional.ofNullable(vm.selectedProperty().get())
                        .map(ServerRow::launchLine)
                        .orElse(""),
                vm.selectedProperty()));
    launch.visibleProperty().bind(vm.selectedProperty().isNotNull());
    launch.managedProperty().bind(launch.visibleProperty());

    Button folder = new Button("Open config _folder");
    folder.setId("open-folder");
    folder.setOnAction(e -> vm.openConfigFolder());
    Button copy = new Button("_Copy report for the help desk");
    copy.setId("copy-report");
    copy.setOnAction(e -> vm.copyReport());
    HBox actions = new HBox(folder, copy);
    actions.getStyleClass().add("actions");
    actions.disableProperty().bind(vm.noSelection());

    // What the server can do that moves content out, in words with a symbol, and where it was seen.
    capabilities.setId("details-capabilities");
    capabilities.getStyleClass().add("capabilities");
    showCapabilities(vm.selectedProperty().get());
    vm.selectedProperty().addListener((o, was, now) -> showCapabilities(now));

    findings.setId("details-findings");
    findings.getStyleClass().add("findings");
    vm.selectedFindings().addListener((ListChangeListener<FindingItem>) c -> showFindings());
    showFindings();

    VBox box = new VBox(title, approval, where, capabilities, launch, actions, findings);
    box.getStyleClass().add("details");
    ScrollPane scroll = new ScrollPane(box);
    scroll.setFitToWidth(true);
    scroll.setId("details");
    return scroll;
  }

  private static void styleApproval(Label approval, ServerRow row) {
    approval.getStyleClass().removeIf(s -> s.startsWith("approval-") && !s.equals("approval-note"));
    Optional.ofNullable(row)
        .flatMap(Approvals::styleClass)
        .ifPresent(approval.getStyleClass()::add);
  }

  private static String where(ServerRow row) {
    StringBuilder text = new StringBuilder("Config file: ").append(Visible.of(row.configPath()));
    row.line().ifPresent(line -> text.append(", line ").append(line));
    if (!row.packageLabel().isEmpty()) {
      text.append("\nPackage: ").append(row.packageLabel());
    }
    text.append("\nTransport: ").append(row.transport().wire());
    return text.toString();
  }

  private void showCapabilities(ServerRow row) {
    capabilities.getChildren().clear();
    if (row == null) {
      return;
    }
    for (String line : CapabilityWords.lines(row.capabilities())) {
      Label label = new Label(line);
      label.setWrapText(true);
      label.getStyleClass().add(row.capabilities().isKnown() ? "capability" : "capability-unknown");
      capabilities.getChildren().add(label);
    }
  }

  private void showFindings() {
    findings.getChildren().clear();
    if (vm.selectedProperty().get() != null && vm.selectedFindings().isEmpty()) {
      findings.getChildren().add(new Label("✔ No open findings for this server."));
    }
    for (ReleaseChanges.Section section : ReleaseChanges.sections(vm.selectedFindings())) {
      if (section.heading() != null) {
        Label heading = new Label(section.heading());
        heading.getStyleClass().add("release-heading");
        heading.setId("details-release-heading");
        heading.setWrapText(true);
        findings.getChildren().add(heading);
      }
      for (FindingItem item : section.items()) {
        findings.getChildren().add(FindingCards.card(item, vm));
      }
    }
  }
}
