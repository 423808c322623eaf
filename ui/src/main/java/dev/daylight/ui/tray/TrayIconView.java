package dev.daylight.ui.tray;

import com.dustinredmond.fxtrayicon.FXTrayIcon;
import java.awt.EventQueue;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;

/**
 * The tray icon and its menu. FXTrayIcon turns the JavaFX menu items into AWT ones and fires
 * their handlers back on the FX thread; the icon image is an AWT object, so changing it goes
 * through {@link EventQueue#invokeLater}. Everything here is called on the FX thread.
 */
public final class TrayIconView {
  private final FXTrayIcon icon;

  /** Whether this desktop shows tray icons at all (false on bare X, GNOME without extension). */
  public static boolean supported() {
    return FXTrayIcon.isSupported();
  }

  public TrayIconView(Stage stage, TrayViewModel vm, Runnable open, Runnable scan, Runnable quit) {
    icon = new FXTrayIcon(stage, TrayIcons.image(vm.levelProperty().get()));
    icon.addExitItem(false);
    icon.addTitleItem(false);
    icon.setApplicationTitle("Daylight");

    MenuItem openItem = new MenuItem("Open Daylight");
    openItem.setOnAction(e -> open.run());
    MenuItem scanItem = new MenuItem("Scan now");
    scanItem.setOnAction(e -> scan.run());
    CheckMenuItem pauseItem = new CheckMenuItem("Pause notifications");
    // One-way: only the menu changes it, so FXTrayIcon's own AWT sync never runs off its thread.
    pauseItem.selectedProperty().addListener((o, was, now) -> vm.pausedProperty().set(now));
    MenuItem quitItem = new MenuItem("Quit Daylight");
    quitItem.setOnAction(e -> quit.run());
    icon.addMenuItems(openItem, scanItem, pauseItem);
    icon.addSeparator();
    icon.addMenuItem(quitItem);
    icon.setOnAction(e -> open.run());

    icon.setTrayIconTooltip(vm.tooltipProperty().get());
    vm.tooltipProperty().addListener((o, was, now) -> icon.setTrayIconTooltip(now));
    vm.levelProperty().addListener((o, was, now) -> {
      var image = TrayIcons.image(now);
      EventQueue.invokeLater(() -> icon.setGraphic(image));
    });
    icon.show();
  }

  /** Shows a desktop message; FXTrayIcon posts it to the AWT event thread. */
  public void notify(Notification n) {
    switch (n.severity()) {
      case CRITICAL -> icon.showErrorMessage(n.caption(), n.text());
      case HIGH -> icon.showWarningMessage(n.caption(), n.text());
      case MEDIUM, LOW, INFO -> icon.showInfoMessage(n.caption(), n.text());
    }
  }

  /** Removes the icon; must come before the JVM exits or some trays keep a ghost icon. */
  public void remove() {
    icon.hide();
  }
}
