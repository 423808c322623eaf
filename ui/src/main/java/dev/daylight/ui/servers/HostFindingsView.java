package dev.daylight.ui.servers;

import dev.daylight.ui.data.FindingItem;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/** Findings about this computer rather than one server, as cards like the details pane's. */
public final class HostFindingsView {
  private final ServersViewModel vm;
  private final VBox cards = new VBox();

  public HostFindingsView(ServersViewModel vm) {
    this.vm = vm;
  }

  /** Tab title with the count, so the tab says there is something to read. */
  public StringBinding title() {
    return Bindings.createStringBinding(
        () ->
            vm.hostFindings().isEmpty()
                ? "This computer"
                : "This computer (" + vm.hostFindings().size() + ")",
        vm.hostFindings());
  }

  public Node build() {
    cards.setId("host-findings");
    cards.getStyleClass().addAll("findings", "details");
    vm.hostFindings().addListener((ListChangeListener<FindingItem>) c -> show());
    show();
    ScrollPane scroll = new ScrollPane(cards);
    scroll.setFitToWidth(true);
    return scroll;
  }

  private void show() {
    cards.getChildren().clear();
    if (vm.hostFindings().isEmpty()) {
      cards
          .getChildren()
          .add(new Label("✔ No findings about this computer outside its MCP servers."));
    }
    for (FindingItem item : vm.hostFindings()) {
      cards.getChildren().add(FindingCards.card(item, vm));
    }
  }
}
