package dev.daylight.agent.store;

import static dev.daylight.testing.Inventories.npx;

import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.McpServer;
import dev.daylight.testing.Inventories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A child process for {@link CrashRecoveryTest}: stores scans as fast as it can, each one changing
 * the server set, and prints the event ids of every committed scan. The parent kills it with
 * SIGKILL at a random moment and checks that every printed event is in the file.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    try (Store store = Store.open(dir)) {
      System.out.println("ready");
      System.out.flush();
      while (true) {
        List<McpServer> servers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          if (random.nextBoolean()) {
            servers.add(npx("s" + i, "pkg-" + i, "1.0." + random.nextInt(3)));
          }
        }
        Recorded r = store.record(Inventories.of(servers, List.of()));
        StringBuilder line = new StringBuilder("committed ").append(r.scanSeq());
        for (ChangeEvent e : r.events()) {
          line.append(' ').append(e.id());
        }
        System.out.println(line);
        System.out.flush();
      }
    }
  }
}
