package dev.daylight.collector;

import java.nio.file.Path;

class PostgresConsoleAnswersTest extends ConsoleAnswersContract {
  @Override
  String dbSpec(Path tmp) throws Exception {
    return TestPostgres.get().newDatabase();
  }
}
