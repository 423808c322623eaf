package dev.daylight.ui.data;

/**
 * What the tray app needs from the agent: the stored view of this machine, acknowledging a finding,
 * and a scan on demand. The app never reads config files itself; every call here may block on disk,
 * so view models call it off the FX thread.
 */
public interface DaylightData {

  /** The latest stored state: servers with their findings, and the AI apps found. */
  Overview load();

  /**
   * A value that changes whenever the store changed (the daemon may write at any time). Cheap
   * enough to poll every second or two.
   */
  long changeMarker();

  /** Marks a finding as seen by the person at the keyboard; it stays open until fixed. */
  void acknowledge(String findingId);

  /** Scans this machine and stores the result; blocks until done. */
  void scan(ScanProgress progress);

  /** Receives scan progress from whichever thread scans. */
  @FunctionalInterface
  interface ScanProgress {
    /**
     * @param fraction 0..1, or negative when the amount of work is unknown
     * @param message what is being done, for a status line
     */
    void update(double fraction, String message);
  }
}
