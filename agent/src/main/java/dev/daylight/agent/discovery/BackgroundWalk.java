package dev.daylight.agent.discovery;

import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.scan.Joins;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A {@link ProjectWalk} on its own thread. The walk is mostly system calls while the rest of a
 * scan's start (class loading, reading the clients' own files) is mostly CPU, so on two cores they
 * overlap. The walk's result is the same set in the same order as on the calling thread; only when
 * it is computed changes.
 */
final class BackgroundWalk {
  private final FutureTask<Set<Path>> task;

  private BackgroundWalk(FutureTask<Set<Path>> task) {
    this.task = task;
  }

  /**
   * Starts walking {@code home} with the catalog {@code catalog} gives (loaded on the new thread).
   */
  static BackgroundWalk start(Supplier<Catalog> catalog, Path home, int depth) {
    FutureTask<Set<Path>> task =
        new FutureTask<>(() -> new ProjectWalk(catalog.get(), depth).projectFolders(home));
    Thread t = new Thread(task, "daylight-walk");
    t.setDaemon(true); // a CLI usage error must not wait for a walk nobody will read
    t.start();
    return new BackgroundWalk(task);
  }

  /** The project folders, waiting for the walk to end; its failure is rethrown here as it was. */
  Set<Path> join() {
    return Joins.await(task, "project walk");
  }
}
