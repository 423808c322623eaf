package dev.daylight.ui.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon worker thread for all agent calls: they touch one SQLite file, so running them in
 * order costs nothing and keeps a refresh from racing a scan.
 */
public final class FxExecutor implements UiExecutor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FxExecutor.class);

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "daylight-ui-worker");
            t.setDaemon(true);
            return t;
          });

  @Override
  public void background(Runnable work) {
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
  public void ui(Runnable change) {
    if (Platform.isFxApplicationThread()) {
      change.run();
    } else {
      Platform.runLater(change);
    }
  }

  @Override
  public void close() throws InterruptedException {
    worker.shutdownNow();
    worker.awaitTermination(2, TimeUnit.SECONDS);
  }
}
