package dev.daylight.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.collector.Fixtures;
import dev.daylight.collector.ingest.ReportIngest.Outcome;
import dev.daylight.collector.store.Database;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.ChangeType;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Json;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.Severity;
import dev.daylight.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer applies a batch of reports with a few multi-row statements; the result must be exactly
 * what applying the same reports one at a time gives, on both engines.
 */
class BatchIngestTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final BatchIngest BATCH = new BatchIngest();
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void oneBatchWritesExactlyWhatOneReportAtATimeWrites(String engine) throws Exception {
    List<ReportRows> reports = scenario();
    try (Database single = open(engine, "single");
        Database batched = open(engine, "batched")) {
      List<Outcome> one = new ArrayList<>();
      for (ReportRows r : reports) {
        one.addAll(inTransaction(single, c -> BATCH.applyAll(c, List.of(r))));
      }
      List<Outcome> all = inTransaction(batched, c -> BATCH.applyAll(c, reports));

      assertThat(all)
          .containsExactly(
              Outcome.STORED,
              Outcome.STORED,
              Outcome.STORED,
              Outcome.STORED,
              Outcome.DUPLICATE,
              Outcome.STORED,
              Outcome.STORED,
              Outcome.DUPLICATE);
      assertThat(all).isEqualTo(one);
      for (String table :
          List.of("reports", "events", "device_servers", "findings", "nodes", "classes")) {
        assertThat(dump(batched, table)).as(table).isEqualTo(dump(single, table));
      }
      // And the state is the right one, not just the same wrong one twice.
      assertThat(dump(batched, "device_servers"))
          .containsExactly(
              "node-a|cursor:postmark|1.0.16|" + ms(2),
              "node-b|cursor:gh2|1.0.0|" + ms(7),
              "node-b|cursor:y|2.0.0|" + ms(7));
      assertThat(dump(batched, "findings"))
          .containsExactly("node-a|f-new|open|" + ms(2), "node-a|f-old|resolved|" + ms(1));
      // gh's class went with it; postmark has the classes of its last change.
      assertThat(dump(batched, "classes"))
          .containsExactly(
              "node-a|cursor:postmark|network-egress", "node-a|cursor:postmark|web-fetch");
      assertThat(dump(batched, "events")).hasSize(8);
      assertThat(dump(batched, "nodes")).containsExactly("node-a|" + ms(1), "node-b|" + ms(6));
      // A batch arrives within milliseconds: every node in it was last seen at its latest report.
      assertThat(dump(batched, "seen"))
          .containsExactly("node-a|" + (ms(7) + 7), "node-b|" + (ms(7) + 7));
      assertThat(dump(single, "seen"))
          .containsExactly("node-a|" + (ms(4) + 7), "node-b|" + (ms(7) + 7));
    }
  }

  /**
   * Two devices, snapshots between deltas, a version change, removals, retries in and across
   * batches.
   */
  private static List<ReportRows> scenario() {
    McpServer pm15 = Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.15");
    McpServer pm16 =
        Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16").toBuilder()
            .capabilities(List.of(new Capability("email-send", null)), null)
            .build();
    // The same server changed again later in the batch, with other classes: the last one wins.
    McpServer pm16Again =
        pm16.toBuilder()
            .capabilities(
                List.of(new Capability("network-egress", null), new Capability("web-fetch", null)),
                null)
            .build();
    McpServer gh =
        Fixtures.server("cursor", "gh", "@modelcontextprotocol/server-github", "2025.4.8")
            .toBuilder()
            .capabilities(List.of(new Capability("code-push", null)), null)
            .build();
    Finding old = Fixtures.finding("f-old", Severity.HIGH, "floating version");
    Finding fresh =
        new Finding(
            "f-new",
            "package-version-changed",
            Severity.HIGH,
            "postmark-mcp changed",
            pm16.id(),
            pm16.pkg().purl(),
            null,
            null,
            "review it",
            null);
    Report s1 =
        report(
            "r1",
            "snapshot",
            1,
            Fixtures.inventory(Fixtures.host("a", "alice"), List.of(pm15, gh), List.of(old)),
            List.of());
    Report d1 =
        report(
            "r2",
            "delta",
            2,
            null,
            List.of(
                event("e1", "server-changed", 2, pm16.id(), null, Json.mapper().valueToTree(pm16)),
                event(
                    "e2",
                    "finding-opened",
                    2,
                    pm16.id(),
                    fresh.id(),
                    Json.mapper().valueToTree(fresh))));
    Report d2 =
        report(
            "r3",
            "delta",
            3,
            null,
            List.of(
                event(
                    "e3",
                    "server-added",
                    3,
                    "cursor:x",
                    null,
                    Json.mapper().valueToTree(Fixtures.server("cursor", "x", "x-mcp", "1.0.0")))));
    Report d3 =
        report(
            "r4",
            "delta",
            4,
            null,
            List.of(
                event(
                    "e4",
                    "server-changed",
                    4,
                    pm16.id(),
                    null,
                    Json.mapper().valueToTree(pm16Again)),
                event("e5", "finding-resolved", 4, null, old.id(), null),
                event("e6", "server-removed", 4, gh.id(), null, null)));
    Report s2 =
        report(
            "r5",
            "snapshot",
            6,
            Fixtures.inventory(
                Fixtures.host("b", "bob"),
                List.of(Fixtures.server("cursor", "y", "y-mcp", "1.0.0")),
                List.of()),
            List.of());
    Report d4 =
        report(
            "r6",
            "delta",
            7,
            null,
            List.of(
                event(
                    "e7",
                    "package-version-changed",
                    7,
                    "cursor:y",
                    null,
                    Json.mapper().createObjectNode().put("version", "2.0.0")),
                event(
                    "e8",
                    "server-added",
                    7,
                    "cursor:gh2",
                    null,
                    Json.mapper()
                        .valueToTree(Fixtures.server("cursor", "gh2", "gh2-mcp", "1.0.0")))));
    return List.of(
        rows("node-a", s1, 1),
        rows("node-a", d1, 2),
        rows("node-b", d2, 3),
        rows("node-a", d3, 4),
        rows("node-a", d1, 5),
        rows("node-b", s2, 6),
        rows("node-b", d4, 7),
        rows("node-b", d2, 8));
  }

  private static ReportRows rows(String node, Report r, int receivedMinute) {
    return ReportRows.of(node, r, T0.plusSeconds(60L * receivedMinute).toEpochMilli() + 7);
  }

  private static Report report(
      String id,
      String kind,
      int minute,
      dev.daylight.protocol.Inventory inv,
      List<ChangeEvent> events) {
    return new Report(
        SchemaVersion.CURRENT,
        id,
        null,
        T0.plusSeconds(60L * minute),
        ReportKind.parse(kind),
        inv,
        events,
        null);
  }

  private static ChangeEvent event(
      String id,
      String type,
      int minute,
      String serverId,
      String findingId,
      com.fasterxml.jackson.databind.JsonNode after) {
    return new ChangeEvent(
        id,
        ChangeType.parse(type),
        T0.plusSeconds(60L * minute),
        null,
        serverId,
        null,
        findingId,
        type,
        null,
        after);
  }

  private static long ms(int minute) {
    return T0.plusSeconds(60L * minute).toEpochMilli();
  }

  private Database open(String engine, String name) throws Exception {
    Database db =
        Database.open(
            engine.equals("sqlite")
                ? "sqlite:" + tmp.resolve(name + ".db")
                : TestPostgres.get().newDatabase());
    try (Connection c = db.read();
        Statement st = c.createStatement()) {
      for (String node : List.of("node-a", "node-b")) {
        st.executeUpdate(
            "INSERT INTO nodes (node_id, key_hash, enrolled_at) VALUES ('"
                + node
                + "', 'k-"
                + node
                + "', 0)");
      }
    }
    return db;
  }

  private interface Tx<T> {
    T run(Connection c) throws SQLException;
  }

  private static <T> T inTransaction(Database db, Tx<T> work) throws SQLException {
    try (Connection c = db.read()) {
      c.setAutoCommit(false);
      T result = work.run(c);
      c.commit();
      c.setAutoCommit(true);
      return result;
    }
  }

  /** The columns the writer sets, one line per row, in key order. */
  private static List<String> dump(Database db, String table) throws SQLException {
    String sql =
        switch (table) {
          case "reports" ->
              "SELECT report_id, node_id, kind, created_at, received_at, event_count FROM reports"
                  + " ORDER BY report_id";
          case "events" ->
              "SELECT node_id, event_id, report_id, type, at, server_id, finding_id, after_json FROM events"
                  + " ORDER BY node_id, event_id";
          case "device_servers" ->
              "SELECT node_id, server_id, version, first_seen FROM device_servers"
                  + " ORDER BY node_id, server_id";
          case "findings" ->
              "SELECT node_id, finding_id, status, first_seen FROM findings ORDER BY node_id, finding_id";
          case "nodes" -> "SELECT node_id, inventory_at FROM nodes ORDER BY node_id";
          case "seen" -> "SELECT node_id, last_seen FROM nodes ORDER BY node_id";
          case "classes" ->
              "SELECT node_id, server_id, cap_class FROM server_capabilities"
                  + " ORDER BY node_id, server_id, cap_class";
          default -> throw new IllegalArgumentException(table);
        };
    List<String> out = new ArrayList<>();
    try (Connection c = db.read();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          line.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        out.add(line.toString());
      }
    }
    return out;
  }
}
