package dev.daylight.collector.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 14: indexes for the console's device searches over a large fleet, which differ by
 * engine (so this one is Java, not SQL).
 *
 * <ul>
 *   <li>{@code seen_day}, the UTC day of {@code last_seen}, computed by the database: "not seen
 *       since" looks the few quiet devices up by it. An index on {@code last_seen} itself would be
 *       rewritten by every report; this one changes once a day a device. PostgreSQL stores and
 *       indexes it (its heap-only updates stay possible: the indexed value rarely changes); SQLite
 *       computes it on read, its fleets are smaller.
 *   <li>On PostgreSQL, a trigram index on the text the device search matches (host name and owner,
 *       lower-cased), so {@code LIKE '%text%'} stops scanning every device. It needs the {@code
 *       pg_trgm} extension (shipped with PostgreSQL's contrib, trusted since PostgreSQL 13); where
 *       it cannot be created the search keeps working, as a scan, and a warning says why.
 *   <li>Package rows indexed by purl and version (the purl alone before), so the incident reads the
 *       versions a fleet runs from the index.
 *   <li>On SQLite, a full-text table with the trigram tokenizer over the same text, kept by
 *       triggers, which answers the same {@code LIKE} from its index.
 * </ul>
 */
final class ConsoleSearchMigration implements JavaMigration {
  private static final Logger log = LoggerFactory.getLogger(ConsoleSearchMigration.class);

  /** The text the devices list searches; {@code Listings} matches exactly this expression. */
  static final String SEARCH_TEXT = "LOWER(COALESCE(hostname, '') || ' ' || COALESCE(owner, ''))";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("14");
  }

  @Override
  public String getDescription() {
    return "console search";
  }

  @Override
  public Integer getChecksum() {
    return 14;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    boolean postgres =
        c.getMetaData()
            .getDatabaseProductName()
            .toLowerCase(java.util.Locale.ROOT)
            .contains("postgres");
    try (Statement st = c.createStatement()) {
      // The incident lists the versions of a package before reading its rows: from the index.
      st.execute("DROP INDEX device_servers_purl");
      st.execute("CREATE INDEX device_servers_purl_version ON device_servers (purl, version)");
      st.execute("DROP INDEX device_packages_purl");
      st.execute("CREATE INDEX device_packages_purl_version ON device_packages (purl, version)");
      if (postgres) {
        st.execute(
            "ALTER TABLE nodes ADD COLUMN seen_day BIGINT GENERATED ALWAYS AS (last_seen / 86400000) STORED");
        st.execute("CREATE INDEX nodes_seen_day ON nodes (seen_day)");
        trigramIndex(c);
      } else {
        st.execute(
            "ALTER TABLE nodes ADD COLUMN seen_day INTEGER GENERATED ALWAYS AS (last_seen / 86400000) VIRTUAL");
        sqliteSearch(st);
      }
    }
  }

  /**
   * The search text by node id (not rowid: VACUUM may renumber the rowids of a table keyed by
   * text). Triggers keep it; a rename costs a scan of this table, and renames are rare.
   */
  private static void sqliteSearch(Statement st) throws SQLException {
    String text = SEARCH_TEXT.replace("hostname", "new.hostname").replace("owner", "new.owner");
    st.execute(
        "CREATE VIRTUAL TABLE nodes_search USING fts5(node_id UNINDEXED, text, tokenize = 'trigram')");
    st.execute(
        "INSERT INTO nodes_search (node_id, text) SELECT node_id, " + SEARCH_TEXT + " FROM nodes");
    st.execute(
        "CREATE TRIGGER nodes_search_insert AFTER INSERT ON nodes BEGIN"
            + " INSERT INTO nodes_search (node_id, text) VALUES (new.node_id, "
            + text
            + "); END");
    st.execute(
        "CREATE TRIGGER nodes_search_update AFTER UPDATE OF hostname, owner ON nodes"
            + " WHEN old.hostname IS NOT new.hostname OR old.owner IS NOT new.owner BEGIN"
            + " DELETE FROM nodes_search WHERE node_id = old.node_id;"
            + " INSERT INTO nodes_search (node_id, text) VALUES (new.node_id, "
            + text
            + "); END");
    st.execute(
        "CREATE TRIGGER nodes_search_delete AFTER DELETE ON nodes BEGIN"
            + " DELETE FROM nodes_search WHERE node_id = old.node_id; END");
  }

  private static void trigramIndex(Connection c) throws SQLException {
    Savepoint before = c.setSavepoint();
    try (Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
      st.execute(
          "CREATE INDEX nodes_search ON nodes USING gin ((" + SEARCH_TEXT + ") gin_trgm_ops)");
      c.releaseSavepoint(before);
    } catch (SQLException e) {
      c.rollback(before);
      log.atWarn()
          .addKeyValue("reason", e.getMessage())
          .log(
              "no trigram index for the device search (pg_trgm could not be created): the search scans every device");
    }
  }
}
