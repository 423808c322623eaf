package dev.daylight.agent.allusers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Accounts.Account;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import dev.daylight.testing.Requires;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One user's scan that blocks in the kernel (a FIFO opened for reading, as a file swapped after its
 * checks would) or dies (a stack overflow) is one error; the other users' scans still report.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PerUserBoundTest {
  @TempDir Path tmp;

  @Test
  void aBlockedAndACrashedScanAreErrorsAndTheOtherUserIsStillScanned() throws Exception {
    Path fifo = tmp.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    Requires.that(mk.waitFor() == 0, "mkfifo could not create a FIFO here");
    Path ann =
        write(
            "ann/.cursor/mcp.json",
            "{\"mcpServers\":{\"ann-ok\":{\"command\":\"npx\",\"args\":[\"a\"]}}}");
    Path blocked = Files.createDirectories(tmp.resolve("blocked"));
    Path crashed = Files.createDirectories(tmp.resolve("crashed"));
    Scanner real = Scanner.standard();

    Inventory all =
        AllUsers.scan(
            ctx -> {
              if (ctx.home().equals(blocked)) {
                try {
                  Files.readAllBytes(fifo); // no writer: the open never returns
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              } else if (ctx.home().equals(crashed)) {
                recurse(0);
              }
              return real.scan(ctx);
            },
            ScanContext.forHome(Files.createDirectories(tmp.resolve("root")), Os.LINUX),
            List.of(
                new Account("blocked", blocked),
                new Account("crashed", crashed),
                new Account("ann", ann.getParent().getParent())),
            Duration.ofSeconds(2));

    assertThat(all.servers())
        .extracting(McpServer::osUser, McpServer::name)
        .containsExactly(tuple("ann", "ann-ok"));
    assertThat(all.errors())
        .extracting(ScanError::path, ScanError::reason)
        .containsExactlyInAnyOrder(
            tuple(
                "account:blocked",
                "scan of this account stopped after 2 s; the other accounts were scanned"),
            tuple(
                "account:crashed",
                "scan of this account failed (StackOverflowError); the other accounts were scanned"));
    Files.write(fifo, new byte[0]); // a writer lets the left-behind thread's open return
  }

  private static int recurse(int n) {
    return recurse(n + 1) + 1;
  }

  private Path write(String relative, String text) throws IOException {
    Path p = tmp.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }
}
