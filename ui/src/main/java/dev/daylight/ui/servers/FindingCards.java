package dev.daylight.ui.servers;

import dev.daylight.agent.store.Acknowledgement;
import dev.daylight.protocol.Finding;
import dev.daylight.ui.data.FindingItem;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** One finding as a card: severity in words, evidence, advisory link, what to do, acknowledge. */
final class FindingCards {
  private FindingCards() {}

  static Node card(FindingItem item, ServersViewModel vm) {
    Finding f = item.finding();
    Label heading = new Label(Severities.label(f.severity()) + ": " + f.title());
    heading
        .getStyleClass()
        .addAll("finding-title", Severities.styleClass(Optional.of(f.severity())));
    heading.setWrapText(true);
    VBox card = new VBox(heading);
    card.getStyleClass().add("finding");
    card.setAccessibleText(f.severity().wire() + " finding: " + f.title());
    String evidence = ServersViewModel.evidenceText(item);
    if (!evidence.isEmpty()) {
      card.getChildren().add(wrapped("Evidence: " + evidence, "finding-evidence"));
    }
    ServersViewModel.advisoryLink(f.advisory())
        .ifPresent(
            url -> {
              Hyperlink link = new Hyperlink("Advisory " + f.advisory());
              link.getStyleClass().add("finding-advisory");
              link.setOnAction(e -> vm.openAdvisory(f.advisory()));
              link.setAccessibleHelp(url);
              card.getChildren().add(link);
            });
    if (f.remediation() != null) {
      card.getChildren().add(wrapped("What to do: " + f.remediation(), "finding-remediation"));
    }
    if (Acknowledgement.allowedFor(f.severity())) {
      Button ack = new Button(item.acknowledged() ? "Acknowledged" : "Ac_knowledge");
      ack.getStyleClass().add("acknowledge");
      ack.setDisable(item.acknowledged());
      ack.setOnAction(e -> vm.acknowledge(item));
      card.getChildren().add(ack);
    } else {
      // Critical and high: no button; the card says how the finding gets closed.
      card.getChildren()
          .add(wrapped(Acknowledgement.howToResolve(f.severity()), "finding-resolution"));
    }
    return card;
  }

  private static Label wrapped(String text, String style) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.getStyleClass().add(style);
    return label;
  }
}
