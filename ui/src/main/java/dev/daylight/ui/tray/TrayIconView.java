package dev.daylight.ui.tray;

import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;

/**
 * The tray icon and its menu, in plain AWT: the icon process loads no JavaFX toolkit (GTK, glass,
 * prism), which is most of a JavaFX app's memory. Built and changed on AWT's event thread.
 */
public final class TrayIconView {
  private final TrayIcon icon;
  private final PopupMenu menu = new PopupMenu();

  /** Whether this desktop shows tray icons at all (false on bare X, GNOME without extension). */
  public static boolean supported() {
    return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
  }

  public TrayIconView(TrayViewModel vm, Runnable open, Runnable scan, Runnable quit)
      throws AWTException {
    menu.add(item("Open Daylight", open));
    menu.add(item("Scan now", scan));
    CheckboxMenuItem pause = new CheckboxMenuItem("Pause notifications");
    pause.addItemListener(e -> vm.pausedProperty().set(pause.getState()));
    menu.add(pause);
    menu.addSeparator();
    menu.add(item("Quit Daylight", quit));

    icon =
        new TrayIcon(TrayIcons.image(vm.levelProperty().get()), vm.tooltipProperty().get(), menu);
    icon.setImageAutoSize(true);
    // A left click opens the window, as the menu's first item does; the right button opens the
    // menu.
    icon.addMouseListener(
        new MouseAdapter() {
          @Override
          public void mouseClicked(MouseEvent e) {
            if (e.getButton() == MouseEvent.BUTTON1) {
              open.run();
            }
          }
        });
    vm.tooltipProperty().addListener((o, was, now) -> icon.setToolTip(now));
    vm.levelProperty().addListener((o, was, now) -> icon.setImage(TrayIcons.image(now)));
    SystemTray.getSystemTray().add(icon);
  }

  private static MenuItem item(String label, Runnable action) {
    MenuItem item = new MenuItem(label);
    item.addActionListener(e -> action.run());
    return item;
  }

  /** The menu's labels in order, a separator as "-": what a person sees on a right click. */
  List<String> menuLabels() {
    return java.util.stream.IntStream.range(0, menu.getItemCount())
        .mapToObj(i -> menu.getItem(i).getLabel())
        .toList();
  }

  /** The menu item labelled {@code label}, for a test to fire as a click would. */
  MenuItem menuItem(String label) {
    for (int i = 0; i < menu.getItemCount(); i++) {
      if (menu.getItem(i).getLabel().equals(label)) {
        return menu.getItem(i);
      }
    }
    throw new IllegalArgumentException("no menu item " + label);
  }

  TrayIcon icon() {
    return icon;
  }

  /** Shows a desktop message next to the icon. */
  public void notify(Notification n) {
    icon.displayMessage(
        n.caption(),
        n.text(),
        switch (n.severity()) {
          case CRITICAL -> TrayIcon.MessageType.ERROR;
          case HIGH -> TrayIcon.MessageType.WARNING;
          case MEDIUM, LOW, INFO -> TrayIcon.MessageType.INFO;
        });
  }

  /** Removes the icon; must come before the JVM exits or some trays keep a ghost icon. */
  public void remove() {
    SystemTray.getSystemTray().remove(icon);
  }
}
