package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.store.Store;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which store an administrator's reading command uses on a machine with the agent service. */
class MachineStoreTest {
  @TempDir Path programData;
  @TempDir Path home;

  @Test
  void theServicesStoreIsUsedWhereItExistsAndCanBeRead() throws Exception {
    Layout windows = Layout.of(Os.WINDOWS, home, Map.of("ProgramData", programData.toString()));
    Path machine = programData.resolve("Daylight").resolve("state");
    assertThat(windows.machineStateDir()).contains(machine);
    assertThat(StoreOptions.machineStore(windows))
        .as("no service store: the per-user one")
        .isEmpty();
    Store.open(machine).close();
    assertThat(StoreOptions.machineStore(windows)).contains(machine);
    assertThat(Layout.of(Os.WINDOWS, home).machineStateDir())
        .as("a fake home has no machine store")
        .isEmpty();
    assertThat(Layout.of(Os.LINUX, home, Map.of()).machineStateDir())
        .contains(Path.of("/var/lib/daylight"));
    assertThat(Layout.of(Os.MACOS, home, Map.of()).machineStateDir())
        .contains(Path.of("/Library/Application Support/Daylight/state"));
  }

  @Test
  void readersAreTheHistoryCommandsNotTheScanners() {
    assertThat(StoreOptions.READERS)
        .contains("status", "findings", "events", "review", "export", "intel")
        .doesNotContain("scan", "run", "enroll");
  }
}
