package dev.daylight.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.ScanStage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.ScanError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stages prepare on their own thread while discovery runs; they still apply in order, once. */
class PreparedStagesTest {
  @TempDir Path home;

  /** Adds one error named after itself, prepared off the scanning thread. */
  private static final class Marking implements ScanStage {
    final String name;
    final List<String> log;

    Marking(String name, List<String> log) {
      this.name = name;
      this.log = log;
    }

    @Override
    public Inventory apply(Inventory inventory, ScanContext context) {
      return prepare(context).apply(inventory, context);
    }

    @Override
    public ScanStage prepare(ScanContext context) {
      log.add("prepare " + name + " on " + Thread.currentThread().getName());
      return (inventory, ctx) -> {
        log.add("apply " + name);
        List<ScanError> errors = new ArrayList<>(inventory.errors());
        errors.add(new ScanError("/" + name, "marked"));
        return Inventory.builder()
            .schemaVersion(inventory.schemaVersion())
            .scanId(inventory.scanId())
            .startedAt(inventory.startedAt())
            .finishedAt(inventory.finishedAt())
            .host(inventory.host())
            .clients(inventory.clients())
            .servers(inventory.servers())
            .packages(inventory.packages())
            .findings(inventory.findings())
            .errors(errors)
            .build();
      };
    }
  }

  @Test
  void preparedOffThreadAndAppliedInStageOrder() {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Scanner scanner =
        Scanner.standard()
            .then(new Marking("a", log))
            .then(new Marking("b", log))
            .then(
                (inventory, ctx) -> {
                  log.add("apply plain");
                  return inventory;
                });
    Inventory inv = scanner.scan(ScanContext.forHome(home, Os.LINUX));
    assertThat(inv.errors()).extracting(ScanError::path).containsExactly("/a", "/b");
    assertThat(log)
        .containsExactly(
            "prepare a on daylight-stages",
            "prepare b on daylight-stages",
            "apply a",
            "apply b",
            "apply plain");
  }

  @Test
  void aFailureWhilePreparingFailsTheScanWithThatFailure() {
    Scanner scanner =
        Scanner.standard()
            .then(
                new ScanStage() {
                  @Override
                  public Inventory apply(Inventory inventory, ScanContext context) {
                    return inventory;
                  }

                  @Override
                  public ScanStage prepare(ScanContext context) {
                    throw new IllegalStateException("cache unreadable");
                  }
                });
    assertThatThrownBy(() -> scanner.scan(ScanContext.forHome(home, Os.LINUX)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cache unreadable");
  }
}
