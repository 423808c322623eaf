package dev.daylight.ui.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon worker thread for all agent calls: they touch one SQLite file, so running them in
 * order costs nothing and keeps a refresh from racing a scan. Shared by the JavaFX window's and the
 * AWT tray icon's executors.
 */
final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "daylight-ui-worker");
            t.setDaemon(true);
            return t;
          });

  void run(Runnable work) {
    worker.execute(
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            LOG.warn("Background task failed", e);
          }
        });
  }

  @Override
  public void close() throws InterruptedException {
    worker.shutdownNow();
    worker.awaitTermination(2, TimeUnit.SECONDS);
  }
}
