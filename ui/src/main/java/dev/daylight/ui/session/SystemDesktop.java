package dev.daylight.ui.session;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * The real desktop: JavaFX's clipboard, and AWT's Desktop to open folders and links. Where AWT
 * cannot (a Linux session without GNOME libraries), the freedesktop opener is the standard.
 */
public final class SystemDesktop implements DesktopActions {

  @Override
  public void copyText(String text) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }

  @Override
  public void openFolder(Path folder) {
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
        Desktop.getDesktop().open(folder.toFile());
      } else {
        xdgOpen(folder.toString());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void openLink(String url) {
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(URI.create(url));
      } else {
        xdgOpen(url);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void xdgOpen(String target) throws IOException {
    new ProcessBuilder(List.of("xdg-open", target)).inheritIO().start();
  }
}
