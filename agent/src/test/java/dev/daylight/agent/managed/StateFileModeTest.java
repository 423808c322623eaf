package dev.daylight.agent.managed;

import static dev.daylight.testing.Inventories.npx;
import static dev.daylight.testing.Inventories.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.daemon.ChildContract;
import dev.daylight.agent.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state folder's files are the owner's alone whatever the umask: the tests run under the usual
 * 022, which without an explicit mode leaves them 0644.
 */
class StateFileModeTest {
  static final String OWNER_ONLY = "rw-------";

  @TempDir Path state;

  static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void theStoreAndItsWalAndShmAreOwnerOnly() throws Exception {
    try (Store s = Store.open(state)) {
      s.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.14")), List.of()));
      for (String f : List.of("daylight.db", "daylight.db-wal", "daylight.db-shm")) {
        assertThat(state.resolve(f)).as(f).exists();
        assertThat(mode(state.resolve(f))).as(f).isEqualTo(OWNER_ONLY);
      }
    }
  }

  @Test
  void aStoreLeftOpenToOthersByAnEarlierVersionIsTightenedWhenOpened() throws Exception {
    try (Store s = Store.open(state)) {
      s.record(of(List.of(npx("postmark", "postmark-mcp", "1.0.14")), List.of()));
    }
    Files.setPosixFilePermissions(
        state.resolve("daylight.db"), PosixFilePermissions.fromString("rw-r--r--"));
    try (Store s = Store.open(state)) {
      assertThat(s.servers()).hasSize(1);
      assertThat(mode(state.resolve("daylight.db"))).isEqualTo(OWNER_ONLY);
    }
  }

  @Test
  void theEnrollmentStateAndTheWatchListAreOwnerOnly() throws Exception {
    new EnrollmentState(false, Instant.parse("2026-12-04T10:00:00Z"), "https://c", "refused")
        .save(state);
    assertThat(mode(state.resolve(EnrollmentState.FILE))).isEqualTo(OWNER_ONLY);
    assertThat(EnrollmentState.load(state))
        .get()
        .extracting(EnrollmentState::reason)
        .isEqualTo("refused");
    ChildContract.writeWatchList(state, List.of(Path.of("/home/ann/.cursor/mcp.json")));
    try (var files = Files.list(state)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("agent-")).toList()) {
        assertThat(mode(f)).as(f.toString()).isEqualTo(OWNER_ONLY);
      }
    }
    try (var files = Files.list(state)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith("agent-"))).hasSize(1);
    }
  }
}
