package dev.daylight.collector;

import java.nio.file.Path;

class SqliteCollectorApiTest extends CollectorApiContract {
  @Override
  String dbSpec(Path tmp) {
    return "sqlite:" + tmp.resolve("collector.db");
  }
}
