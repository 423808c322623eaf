package dev.daylight.ui.concurrent;

import javafx.application.Platform;

/**
 * Agent calls on the worker thread, state changes on the JavaFX application thread (the window).
 */
public final class FxExecutor implements UiExecutor, AutoCloseable {
  private final Worker worker = new Worker();

  @Override
  public void background(Runnable work) {
    worker.run(work);
  }

  @Override
  public void ui(Runnable change) {
    if (Platform.isFxApplicationThread()) {
      change.run();
    } else {
      Platform.runLater(change);
    }
  }

  @Override
  public void close() throws InterruptedException {
    worker.close();
  }
}
