package dev.daylight.ui.servers;

import dev.daylight.protocol.Approval;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.data.ServerStatus;
import java.util.Optional;
import java.util.function.Predicate;

/** The choices of the status filter above the servers table. */
public enum RowFilter {
  ALL("All servers", row -> true),
  WITH_FINDINGS("With findings", row -> !row.findings().isEmpty()),
  MALICIOUS("Malicious", row -> row.status() == ServerStatus.MALICIOUS),
  DENIED("Denied", row -> row.status() == ServerStatus.DENIED),
  SUSPENDED("Suspended", row -> row.status() == ServerStatus.SUSPENDED),
  UNREVIEWED("Unreviewed", row -> row.status() == ServerStatus.UNREVIEWED),
  APPROVED("Approved", row -> row.status() == ServerStatus.APPROVED),
  AWAITING_YOU(
      "Waiting for your approval", row -> row.approval().equals(Optional.of(Approval.PENDING)));

  private final String label;
  private final Predicate<ServerRow> test;

  RowFilter(String label, Predicate<ServerRow> test) {
    this.label = label;
    this.test = test;
  }

  boolean accepts(ServerRow row) {
    return test.test(row);
  }

  @Override
  public String toString() {
    return label;
  }
}
