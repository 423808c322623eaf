package dev.daylight.collector.fleet;

import dev.daylight.collector.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every package version the fleet runs with its device count, and the open findings by severity. A
 * count per version has to read every device row, so it is taken in the background at most once a
 * minute, and when a count is slow at most once per ten times its own duration (counting never
 * holds more than a tenth of the database). The packages page and the overview read this snapshot
 * and say how old it is, as Fleet's software inventory does; the incident page reads live rows.
 */
final class PackageSummary {
  static final long MAX_AGE_MILLIS = 60_000;

  record Version(String purl, String version, long devices, long firstSeen, long lastSeen) {}

  record Server(
      String name, String purl, long devices, long entries, long firstSeen, long lastSeen) {}

  record Snapshot(
      long takenAt,
      List<Version> versions,
      List<Server> servers,
      Map<String, Long> openFindings,
      long tookMillis) {}

  private static final Comparator<Version> ORDER =
      Comparator.comparing(Version::purl).thenComparing(Version::version);

  private final Database db;
  private static final Logger log = LoggerFactory.getLogger(PackageSummary.class);
  private final AtomicBoolean counting = new AtomicBoolean();
  private volatile Snapshot snapshot;

  PackageSummary(Database db) {
    this.db = db;
  }

  /**
   * The snapshot. Only the first call waits for a count; once the snapshot is older than a minute,
   * one background count replaces it while callers keep reading the old one.
   */
  Snapshot get(long now) throws SQLException {
    Snapshot s = snapshot;
    if (s == null) {
      synchronized (this) {
        if (snapshot == null) {
          snapshot = count(now);
        }
        return snapshot;
      }
    }
    if (now - s.takenAt() >= Math.max(MAX_AGE_MILLIS, 10 * s.tookMillis())
        && counting.compareAndSet(false, true)) {
      Thread t =
          new Thread(
              () -> {
                try {
                  snapshot = count(System.currentTimeMillis());
                } catch (SQLException e) {
                  log.atWarn().setCause(e).log("package count failed; the previous one stays");
                } finally {
                  counting.set(false);
                }
              },
              "daylight-package-count");
      t.setDaemon(true);
      t.start();
    }
    return s;
  }

  private Snapshot count(long now) throws SQLException {
    long start = System.nanoTime();
    List<Version> out = new ArrayList<>();
    try (Connection c = db.read();
        PreparedStatement ps =
            c.prepareStatement(
                // Per device first, then per version: two hash aggregations, where COUNT(DISTINCT)
                // makes PostgreSQL sort every row.
                "SELECT purl, version, COUNT(*), MIN(f), MAX(l) FROM ("
                    + " SELECT node_id, purl, version, MIN(first_seen) AS f, MAX(last_seen) AS l FROM ("
                    + " SELECT node_id, purl, COALESCE(version, '') AS version, first_seen, last_seen FROM device_servers"
                    + " WHERE purl IS NOT NULL"
                    + " UNION ALL SELECT node_id, purl, version, first_seen, last_seen FROM device_packages) u"
                    + " GROUP BY node_id, purl, version) d GROUP BY purl, version");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Version(
                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
      }
    }
    out.sort(ORDER);
    List<Server> servers = new ArrayList<>();
    try (Connection c = db.read();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT server_name, COALESCE(purl, ''), COUNT(DISTINCT node_id), COUNT(*), MIN(first_seen), MAX(last_seen)"
                    + " FROM device_servers GROUP BY server_name, COALESCE(purl, '')");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        servers.add(
            new Server(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6)));
      }
    }
    servers.sort(Comparator.comparing(Server::name).thenComparing(Server::purl));
    Map<String, Long> open = new LinkedHashMap<>();
    for (String sev : List.of("critical", "high", "medium", "low", "info")) {
      open.put(sev, 0L);
    }
    try (Connection c = db.read();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT severity, COUNT(*) FROM findings WHERE status = 'open' GROUP BY severity");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        open.put(rs.getString(1), rs.getLong(2));
      }
    }
    return new Snapshot(
        now,
        List.copyOf(out),
        List.copyOf(servers),
        Map.copyOf(open),
        (System.nanoTime() - start) / 1_000_000);
  }
}
