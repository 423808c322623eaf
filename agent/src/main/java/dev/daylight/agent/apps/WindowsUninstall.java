package dev.daylight.agent.apps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows "Apps and features" entries, read on the real machine with {@code reg query} (read-only)
 * from the per-user and machine-wide Uninstall keys. Never used for a fake home: its registry is
 * not in the folder being scanned.
 */
final class WindowsUninstall {
  private static final Logger LOG = LoggerFactory.getLogger(WindowsUninstall.class);
  private static final List<String> KEYS =
      List.of(
          "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
          "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
          "HKLM\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall");

  private WindowsUninstall() {}

  static List<AppParsers.UninstallEntry> entries() {
    List<AppParsers.UninstallEntry> out = new ArrayList<>();
    for (String key : KEYS) {
      try {
        Process p = new ProcessBuilder("reg", "query", key, "/s").redirectErrorStream(true).start();
        byte[] text = p.getInputStream().readAllBytes();
        if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
          out.addAll(AppParsers.regQuery(new String(text, StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        LOG.debug("reg query {} failed: {}", key, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return out;
  }
}
