package dev.daylight.agent.allusers;

import dev.daylight.protocol.ScanError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one user's scan on its own thread within a time bound. A scan that fails (whatever its files
 * did to it, a stack overflow included) or outlives the bound becomes one error naming the account,
 * and the next user's scan starts. A thread stuck in the kernel (an open of a FIFO that replaced a
 * checked file) cannot be stopped from Java: it is a daemon thread, left behind, and its result
 * ignored.
 */
final class Bounded {
  private static final Logger LOG = LoggerFactory.getLogger(Bounded.class);

  private Bounded() {}

  static <T> Optional<T> run(
      Supplier<T> scan, Duration bound, String account, List<ScanError> failures) {
    FutureTask<T> task = new FutureTask<>(scan::get);
    Thread t = new Thread(task, "scan-" + account.replaceAll("[^A-Za-z0-9._-]", "_"));
    t.setDaemon(true);
    t.start();
    try {
      return Optional.ofNullable(task.get(bound.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      task.cancel(true);
      LOG.warn("scan of {} stopped after {} s", account, bound.toSeconds());
      failures.add(
          new ScanError(
              "account:" + account,
              "scan of this account stopped after "
                  + bound.toSeconds()
                  + " s; the other accounts were scanned"));
    } catch (ExecutionException e) {
      String kind = e.getCause() == null ? "failure" : e.getCause().getClass().getSimpleName();
      LOG.warn("scan of {} failed: {}", account, kind);
      failures.add(
          new ScanError(
              "account:" + account,
              "scan of this account failed (" + kind + "); the other accounts were scanned"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      failures.add(new ScanError("account:" + account, "scan of this account interrupted"));
    }
    return Optional.empty();
  }
}
