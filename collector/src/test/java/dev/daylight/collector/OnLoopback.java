package dev.daylight.collector;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real collector on loopback for each test, on the storage backend a subclass names: the base of
 * the contracts run once per backend.
 */
abstract class OnLoopback {
  @TempDir Path tmp;
  Collector collector;
  Http http;

  /** The collector's {@code --db} for this backend, in {@code tmp} or a fresh database. */
  abstract String dbSpec(Path tmp) throws Exception;

  @BeforeEach
  void start() throws Exception {
    collector = Collector.start(Fixtures.loopback(dbSpec(tmp), 900));
    http = new Http(collector.port());
  }

  @AfterEach
  void stop() throws Exception {
    collector.close();
  }
}
