package dev.daylight.ui.main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Remembers in a marker file that a notice was shown, so it is said once, not at every start. */
public final class OneTimeNotice {
  private static final Logger LOG = LoggerFactory.getLogger(OneTimeNotice.class);
  private final Path marker;

  public OneTimeNotice(Path marker) {
    this.marker = marker;
  }

  /** True the first time only; records that it has now been shown. */
  public boolean firstTime() {
    if (Files.exists(marker)) {
      return false;
    }
    try {
      Files.createDirectories(marker.toAbsolutePath().getParent());
      Files.writeString(marker, "shown\n");
    } catch (IOException e) {
      LOG.warn("Could not record {}; the notice may show again", marker, e);
    }
    return true;
  }
}
