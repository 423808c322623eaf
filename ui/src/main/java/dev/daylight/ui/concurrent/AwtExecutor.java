package dev.daylight.ui.concurrent;

import java.awt.EventQueue;

/**
 * Agent calls on the worker thread, state changes on AWT's event thread: the tray icon process,
 * which has no JavaFX toolkit (its view models only use JavaFX's toolkit-free property classes).
 */
public final class AwtExecutor implements UiExecutor, AutoCloseable {
  private final Worker worker = new Worker();

  @Override
  public void background(Runnable work) {
    worker.run(work);
  }

  @Override
  public void ui(Runnable change) {
    if (EventQueue.isDispatchThread()) {
      change.run();
    } else {
      EventQueue.invokeLater(change);
    }
  }

  @Override
  public void close() throws InterruptedException {
    worker.close();
  }
}
