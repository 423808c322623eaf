package dev.daylight.collector;

import java.nio.file.Path;

class SqliteFleetCapabilitiesTest extends FleetCapabilitiesContract {
  @Override
  String dbSpec(Path tmp) {
    return "sqlite:" + tmp.resolve("collector.db");
  }
}
