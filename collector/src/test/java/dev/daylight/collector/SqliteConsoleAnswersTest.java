package dev.daylight.collector;

import java.nio.file.Path;

class SqliteConsoleAnswersTest extends ConsoleAnswersContract {
  @Override
  String dbSpec(Path tmp) {
    return "sqlite:" + tmp.resolve("collector.db");
  }
}
