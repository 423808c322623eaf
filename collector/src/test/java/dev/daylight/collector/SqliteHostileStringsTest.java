package dev.daylight.collector;

import java.nio.file.Path;

class SqliteHostileStringsTest extends HostileStringsContract {
  @Override
  String dbSpec(Path tmp) {
    return "sqlite:" + tmp.resolve("c.db");
  }
}
