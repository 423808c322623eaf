package dev.daylight.ui.concurrent;

/**
 * Where view models run work: slow calls into the agent off the FX thread, property changes on it.
 * Tests use {@link #sameThread()} so a view model can be driven without a toolkit.
 */
public interface UiExecutor {

  /** Runs blocking work (store reads, scans) away from the FX thread. */
  void background(Runnable work);

  /** Runs a state change where bound controls may observe it. */
  void ui(Runnable change);

  static UiExecutor sameThread() {
    return new UiExecutor() {
      @Override
      public void background(Runnable work) {
        work.run();
      }

      @Override
      public void ui(Runnable change) {
        change.run();
      }
    };
  }
}
