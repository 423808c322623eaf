package dev.daylight.collector.ingest;

import dev.daylight.collector.store.WriteQueue;
import dev.daylight.protocol.Report;
import java.sql.SQLException;

/**
 * Stores one report exactly once. The report row is inserted first with ON CONFLICT DO NOTHING:
 * when it already exists, the whole report is a retry and nothing else is touched. The report is
 * turned into rows here, on the request thread; the writer applies many reports together.
 */
public final class ReportIngest {
  /** {@code stored} the first time a report id arrives, {@code duplicate} after. */
  public enum Outcome {
    STORED,
    DUPLICATE
  }

  private static final BatchIngest BATCH = new BatchIngest();
  private final WriteQueue writes;

  public ReportIngest(WriteQueue writes) {
    this.writes = writes;
  }

  /** The report has been validated and its node authenticated by the caller. */
  public Outcome ingest(String nodeId, Report r, long now) throws SQLException {
    return writes.submit(nodeId, BATCH, ReportRows.of(nodeId, r, now));
  }
}
