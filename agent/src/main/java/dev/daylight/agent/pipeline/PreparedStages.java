package dev.daylight.agent.pipeline;

import dev.daylight.agent.scan.Joins;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.ScanStage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * Runs the stages' {@link ScanStage#prepare} on a thread of its own, in stage order, while the
 * scanner discovers: their disk and host reads overlap the project walk and the config parsing.
 */
final class PreparedStages {
  private final FutureTask<List<ScanStage>> task;

  private PreparedStages(FutureTask<List<ScanStage>> task) {
    this.task = task;
  }

  static PreparedStages start(List<ScanStage> stages, ScanContext context) {
    FutureTask<List<ScanStage>> task =
        new FutureTask<>(
            () -> {
              List<ScanStage> ready = new ArrayList<>(stages.size());
              for (ScanStage s : stages) {
                ready.add(s.prepare(context));
              }
              return ready;
            });
    if (!stages.isEmpty()) {
      Thread t = new Thread(task, "daylight-stages");
      t.setDaemon(true);
      t.start();
    } else {
      task.run();
    }
    return new PreparedStages(task);
  }

  /** The prepared stages; a failure while preparing is rethrown here as it was thrown. */
  List<ScanStage> join() {
    return Joins.await(task, "preparing a scan stage");
  }
}
