package dev.daylight.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.testing.TestJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database spec comes from {@code DAYLIGHT_DB} when {@code --db} is not given, as the packaged
 * service and image pass it: a PostgreSQL URL may hold a password, which a command line shows in
 * {@code ps}.
 */
class DatabaseFromEnvironmentTest {
  @TempDir Path tmp;

  @Test
  void theCollectorOpensTheDatabaseItsEnvironmentNames() throws Exception {
    Path db = tmp.resolve("from-env.db");
    ProcessBuilder pb =
        new ProcessBuilder(
                TestJvm.command(
                    List.of(),
                    "dev.daylight.collector.CollectorMain",
                    List.of("--port", "0", "--bind", "127.0.0.1")))
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("collector.log").toFile());
    pb.environment().put("DAYLIGHT_DB", "sqlite:" + db);
    pb.environment().put("DAYLIGHT_ENROLL_SECRET", Fixtures.SECRET);
    pb.environment().put("DAYLIGHT_ADMIN_TOKEN", Fixtures.ADMIN);
    pb.environment().put("DAYLIGHT_SIGNING_KEY", tmp.resolve("signing.pem").toString());
    Process collector = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String log = "";
      while (!log.contains("collector listening") && System.nanoTime() < deadline) {
        assertThat(collector.isAlive()).as("collector exited: " + log).isTrue();
        Thread.sleep(100);
        log = Files.readString(tmp.resolve("collector.log"));
      }
      assertThat(log).contains("collector listening");
      assertThat(db).exists();
      assertThat(tmp.resolve("daylight-collector.db")).doesNotExist();
    } finally {
      collector.destroy();
      collector.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
