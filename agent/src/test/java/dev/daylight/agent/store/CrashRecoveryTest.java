package dev.daylight.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.ChangeType;
import dev.daylight.testing.TestJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of writes, many times: the file must stay sound and every scan whose commit
 * returned must still be there with all its events, and the event history must still replay to the
 * current server set.
 */
class CrashRecoveryTest {
  /** The reliability run raises these (docs/RELIABILITY.md). */
  static final int KILLS = Integer.getInteger("daylight.reliability.kills", 8);

  static final int DAEMON_KILLS = Integer.getInteger("daylight.reliability.daemonKills", 5);
  @TempDir Path dir;

  @Test
  void killNineDuringWritesLosesNoCommittedEventAndKeepsTheFileSound() throws Exception {
    Random random = new Random(42);
    Set<String> promised = new HashSet<>();
    int committedScans = 0;
    for (int round = 0; round < KILLS; round++) {
      Process child =
          new ProcessBuilder(
                  TestJvm.command(
                      List.of(),
                      CrashWriter.class.getName(),
                      List.of(dir.toString(), Long.toString(round))))
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      List<String> lines = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String l; (l = r.readLine()) != null; ) {
                    synchronized (lines) {
                      lines.add(l);
                    }
                  }
                } catch (java.io.IOException ignored) {
                  // the child died: that is the point
                }
              });
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (count(lines, "committed") < 3 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(random.nextInt(250));
      child.destroyForcibly(); // SIGKILL on POSIX
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
      synchronized (lines) {
        for (String l : lines) {
          if (l.startsWith("committed")) {
            committedScans++;
            String[] parts = l.split(" ");
            for (int i = 2; i < parts.length; i++) {
              promised.add(parts[i]);
            }
          }
        }
      }
    }
    try (Store store = Store.open(dir)) {
      assertThat(store.integrityCheck()).isEqualTo("ok");
      List<ChangeEvent> events = store.events(Optional.empty());
      Set<String> stored = new HashSet<>();
      events.forEach(e -> stored.add(e.id()));
      assertThat(committedScans).isGreaterThanOrEqualTo(3 * KILLS);
      assertThat(stored).containsAll(promised);

      // Replaying added/removed events gives exactly the servers the store holds as active.
      Set<String> replay = new HashSet<>();
      for (ChangeEvent e : events) {
        if (e.type() == ChangeType.SERVER_ADDED) {
          assertThat(replay.add(e.serverId())).as("added twice: " + e.serverId()).isTrue();
        } else if (e.type() == ChangeType.SERVER_REMOVED) {
          assertThat(replay.remove(e.serverId())).as("removed unseen: " + e.serverId()).isTrue();
        }
      }
      Set<String> active = new HashSet<>();
      store.servers().stream().filter(ServerView::active).forEach(s -> active.add(s.server().id()));
      assertThat(replay).isEqualTo(active);
      Set<String> latest = new HashSet<>();
      store.latest().orElseThrow().servers().forEach(s -> latest.add(s.id()));
      assertThat(latest).isEqualTo(active);
    }
  }

  /**
   * The real daemon scanning a home every 50 ms while its config keeps changing, killed -9 again
   * and again with its scan child: every event the daemon logged (the child logs after the commit,
   * the resident writes it into the log) must be in the file.
   */
  @Test
  void killNineDuringDaemonScansLosesNoLoggedEvent(@TempDir Path home) throws Exception {
    Random random = new Random(7);
    java.nio.file.Files.createDirectories(home.resolve(".cursor"));
    Path log = dir.resolve("logs/daylight.log");
    for (int round = 0; round < DAEMON_KILLS; round++) {
      writeConfig(home, random);
      Process child =
          new ProcessBuilder(
                  TestJvm.agent(
                      "run",
                      "--home",
                      home.toString(),
                      "--os",
                      "linux",
                      "--state-dir",
                      dir.toString(),
                      "--interval",
                      "50ms",
                      "--debounce",
                      "20ms"))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long before = scansLogged(log);
      while (scansLogged(log) < before + 2 && child.isAlive() && System.nanoTime() < deadline) {
        writeConfig(home, random);
        Thread.sleep(30);
      }
      // The scans run in children of the agent: kill the one writing (at a random point of its
      // start, scan or commit) together with the agent, as a power cut would.
      Thread.sleep(random.nextInt(1000));
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Set<String> logged = new HashSet<>();
    for (String line : java.nio.file.Files.readAllLines(log)) {
      int at = line.indexOf(" - event ");
      if (at >= 0) {
        logged.add(line.substring(at + 9).split(" ")[0]);
      }
    }
    try (Store store = Store.open(dir)) {
      assertThat(store.integrityCheck()).isEqualTo("ok");
      Set<String> stored = new HashSet<>();
      store.events(Optional.empty()).forEach(e -> stored.add(e.id()));
      assertThat(logged).isNotEmpty();
      assertThat(stored).containsAll(logged);
    }
  }

  private static void writeConfig(Path home, Random random) throws java.io.IOException {
    StringBuilder sb = new StringBuilder("{\"mcpServers\": {");
    for (int i = 0; i < 6; i++) {
      if (random.nextBoolean()) {
        sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",")
            .append("\"s")
            .append(i)
            .append("\": {\"command\": \"npx\", \"args\": [\"-y\", \"pkg-")
            .append(i)
            .append("@1.0.")
            .append(random.nextInt(3))
            .append("\"]}");
      }
    }
    Path tmp = home.resolve(".cursor/mcp.json.tmp");
    java.nio.file.Files.writeString(tmp, sb.append("}}").toString());
    java.nio.file.Files.move(
        tmp,
        home.resolve(".cursor/mcp.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static long scansLogged(Path log) throws java.io.IOException {
    if (!java.nio.file.Files.exists(log)) {
      return 0;
    }
    try (Stream<String> lines = java.nio.file.Files.lines(log)) {
      return lines.filter(l -> l.contains(" stored (")).count();
    }
  }

  private static int count(List<String> lines, String prefix) {
    synchronized (lines) {
      return (int) lines.stream().filter(l -> l.startsWith(prefix)).count();
    }
  }
}
