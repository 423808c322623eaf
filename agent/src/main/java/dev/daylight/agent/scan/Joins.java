package dev.daylight.agent.scan;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the scan's helper threads (the project walk, stage preparation). */
public final class Joins {
  private Joins() {}

  /**
   * The task's result. The work is short and bounded, so an interrupt is kept for the caller rather
   * than losing the work; the task's own failure is rethrown as it was thrown.
   */
  public static <T> T await(Future<T> task, String what) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(what + " failed", cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
