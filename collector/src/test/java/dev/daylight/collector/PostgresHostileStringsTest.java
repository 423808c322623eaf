package dev.daylight.collector;

import dev.daylight.testing.TestPostgres;
import java.nio.file.Path;

class PostgresHostileStringsTest extends HostileStringsContract {
  @Override
  String dbSpec(Path tmp) throws Exception {
    return TestPostgres.get().newDatabase();
  }
}
