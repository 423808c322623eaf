package dev.daylight.collector.http;

import dev.daylight.collector.fleet.FleetQueries;
import dev.daylight.collector.fleet.Owners;
import dev.daylight.collector.ingest.Enrollment;
import dev.daylight.collector.ingest.ReportIngest;
import dev.daylight.collector.policy.IntelSnapshots;
import dev.daylight.collector.policy.PolicyService;
import dev.daylight.collector.store.Database;
import java.time.Clock;

/** The services the routes call; one set per collector process. */
record Services(
    Database db,
    Enrollment enrollment,
    ReportIngest ingest,
    FleetQueries fleet,
    PolicyService policy,
    Owners owners,
    String adminToken,
    String metricsToken,
    Clock clock,
    SigningKey signer,
    IntelSnapshots snapshots) {
  /** The tokens never reach a log line or a stack trace. */
  @Override
  public String toString() {
    return "Services[adminToken=<redacted>, metricsToken="
        + (metricsToken == null ? null : "<redacted>")
        + ", signer="
        + signer
        + "]";
  }
}
