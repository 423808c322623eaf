package dev.daylight.ui.session;

import java.nio.file.Path;

/** What the app asks of the desktop beyond its own window. */
public interface DesktopActions {

  /** Puts plain text on the clipboard. Called on the FX thread. */
  void copyText(String text);

  /** Opens a folder in the desktop's file manager; may block, so called off the FX thread. */
  void openFolder(Path folder);

  /** Opens a web page (an advisory) in the browser; may block, so called off the FX thread. */
  void openLink(String url);
}
