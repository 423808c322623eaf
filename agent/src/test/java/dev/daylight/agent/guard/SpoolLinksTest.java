package dev.daylight.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.ChangeEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine-wide agent reads each account's guard spool as that account could: a spool that is a
 * link out of the home (to another account's spool) gives no events in this account's name.
 */
class SpoolLinksTest {
  private static final String DENY =
      "{\"ts\":\"2026-11-21T09:00:00Z\",\"client\":\"cursor\",\"server\":\"pm\",\"tool\":\"%s\","
          + "\"project\":\"/home/%s/w\",\"decision\":\"deny\",\"reason\":\"suspended\"}\n";

  @TempDir Path dir;
  @TempDir Path machineState;

  @Test
  void anAccountsOwnSpoolGivesItsEvents() throws Exception {
    Layout alice = Layout.of(Os.LINUX, dir.resolve("alice"));
    Path spool = Spool.file(alice.stateDir());
    Files.createDirectories(spool.getParent());
    Files.writeString(spool, DENY.formatted("send", "alice"));

    assertThat(collect(alice)).isEqualTo(1);
  }

  @Test
  void aSpoolLinkedToAnotherAccountsSpoolIsNotRead() throws Exception {
    Path bobs = Files.createDirectories(dir.resolve("bob/.local/state/daylight/guard"));
    Files.writeString(bobs.resolve(Spool.NAME), DENY.formatted("transfer", "bob"));
    Layout alice = Layout.of(Os.LINUX, dir.resolve("alice"));
    Path spool = Spool.file(alice.stateDir());
    Files.createDirectories(spool.getParent());
    Files.createSymbolicLink(spool, bobs.resolve(Spool.NAME));

    assertThat(collect(alice)).isZero();

    // The same through a linked folder: alice's guard folder is bob's.
    Files.delete(spool);
    Files.delete(spool.getParent());
    Files.createSymbolicLink(spool.getParent(), bobs);

    assertThat(collect(alice)).isZero();
  }

  private int collect(Layout home) {
    try (Store s = Store.open(machineState)) {
      int n =
          GuardEvents.collect(
              home.stateDir(), GuardEvents.OFFSET + ".alice", "alice", s, FileAccess.of(home));
      List<ChangeEvent> calls =
          s.events(Optional.empty()).stream()
              .filter(e -> e.type().equals(GuardEvents.TYPE))
              .toList();
      assertThat(calls).hasSize(n);
      assertThat(calls).noneMatch(e -> e.summary().contains("transfer"));
      return n;
    }
  }
}
