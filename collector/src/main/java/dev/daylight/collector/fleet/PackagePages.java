package dev.daylight.collector.fleet;

import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The packages and servers lists, paged from the {@link PackageSummary} snapshot, each version with
 * what the fleet decided about it, what intel says, and on how many devices agents suspended it.
 */
final class PackagePages {
  private record Suspended(String purl, long n) {}

  private final Database db;
  private final PackageSummary summary;
  private final MaliciousIntel malicious;

  PackagePages(Database db, PackageSummary summary, MaliciousIntel malicious) {
    this.db = db;
    this.summary = summary;
    this.malicious = malicious;
  }

  /**
   * {@code pkg:npm/%40scope/name} reads {@code @scope/name}: the name people search for and see.
   */
  static String displayName(String purl) {
    int slash = purl.indexOf('/');
    return slash < 0 ? purl : decoded(purl.substring(slash + 1).replace("+", "%2B"));
  }

  /**
   * {@code s} percent-decoded, or as it is when an agent sent a bad escape ({@code %zz}): one
   * device's odd purl must not fail every administrator's page.
   */
  static String decoded(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  FleetAnswers.PackageList packages(
      String q, String purl, String version, String cursor, int limit, long now)
      throws SQLException {
    PackageSummary.Snapshot snap = summary.get(now);
    List<Object> after = Cursor.decode(cursor, String.class, String.class);
    String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
    List<PackageSummary.Version> matched = new ArrayList<>();
    for (PackageSummary.Version v : snap.versions()) {
      if ((purl != null && !v.purl().equals(purl))
          || (version != null && !v.version().equals(version))) {
        continue;
      }
      if (!needle.isEmpty()
          && !v.purl().toLowerCase(Locale.ROOT).contains(needle)
          && !displayName(v.purl()).toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      if (after != null
          && (v.purl().compareTo((String) after.get(0)) < 0
              || (v.purl().equals(after.get(0))
                  && v.version().compareTo((String) after.get(1)) <= 0))) {
        continue;
      }
      matched.add(v);
      if (matched.size() > limit) {
        break;
      }
    }
    var page = Cursor.page(matched, limit, v -> List.of(v.purl(), v.version()));
    Map<String, FleetAnswers.Decision> decisions = decisions(page.rows());
    Map<String, Long> suspended = suspended(page.rows());
    List<FleetAnswers.PackageVersion> rows = new ArrayList<>();
    for (PackageSummary.Version v : page.rows()) {
      FleetAnswers.Decision exact = decisions.get(v.purl() + "@" + v.version());
      FleetAnswers.Decision all = decisions.get(v.purl() + "@");
      rows.add(
          new FleetAnswers.PackageVersion(
              v.purl(),
              displayName(v.purl()),
              v.version().isEmpty() ? null : v.version(),
              v.devices(),
              Instant.ofEpochMilli(v.firstSeen()),
              Instant.ofEpochMilli(v.lastSeen()),
              v.version().isEmpty() ? all : exact != null ? exact : all,
              malicious.advisories(
                  v.purl(), v.version().isEmpty() ? Optional.empty() : Optional.of(v.version())),
              suspended.getOrDefault(v.purl() + "@" + v.version(), 0L)));
    }
    return new FleetAnswers.PackageList(rows, page.next(), Instant.ofEpochMilli(snap.takenAt()));
  }

  /**
   * The fleet's totals: {@code devices} counted live, server entries and distinct packages from the
   * snapshot, with its time.
   */
  FleetAnswers.Overview overview(long devices, long now) throws SQLException {
    PackageSummary.Snapshot snap = summary.get(now);
    Map<String, Long> open = snap.openFindings();
    return new FleetAnswers.Overview(
        devices,
        snap.servers().stream().mapToLong(PackageSummary.Server::entries).sum(),
        snap.versions().stream().map(PackageSummary.Version::purl).distinct().count(),
        new FleetAnswers.OpenFindings(
            open.getOrDefault("critical", 0L),
            open.getOrDefault("high", 0L),
            open.getOrDefault("medium", 0L),
            open.getOrDefault("low", 0L),
            open.getOrDefault("info", 0L)),
        Instant.ofEpochMilli(snap.takenAt()));
  }

  FleetAnswers.ServerList servers(String q, String cursor, int limit, long now)
      throws SQLException {
    PackageSummary.Snapshot snap = summary.get(now);
    List<Object> after = Cursor.decode(cursor, String.class, String.class);
    String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
    List<PackageSummary.Server> matched = new ArrayList<>();
    for (PackageSummary.Server s : snap.servers()) {
      if (!needle.isEmpty()
          && !s.name().toLowerCase(Locale.ROOT).contains(needle)
          && !s.purl().toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      if (after != null
          && (s.name().compareTo((String) after.get(0)) < 0
              || (s.name().equals(after.get(0))
                  && s.purl().compareTo((String) after.get(1)) <= 0))) {
        continue;
      }
      matched.add(s);
      if (matched.size() > limit) {
        break;
      }
    }
    var page = Cursor.page(matched, limit, s -> List.of(s.name(), s.purl()));
    return new FleetAnswers.ServerList(
        page.rows().stream()
            .map(
                s ->
                    new FleetAnswers.ServerSummary(
                        s.name(),
                        s.purl().isEmpty() ? null : s.purl(),
                        s.devices(),
                        s.entries(),
                        Instant.ofEpochMilli(s.firstSeen()),
                        Instant.ofEpochMilli(s.lastSeen())))
            .toList(),
        page.next(),
        Instant.ofEpochMilli(snap.takenAt()));
  }

  /**
   * Decisions on the page's packages, keyed {@code purl@version} ({@code purl@} for every version).
   */
  private Map<String, FleetAnswers.Decision> decisions(List<PackageSummary.Version> page)
      throws SQLException {
    List<String> purls = page.stream().map(PackageSummary.Version::purl).distinct().toList();
    if (purls.isEmpty()) {
      return Map.of();
    }
    Map<String, FleetAnswers.Decision> out = new HashMap<>();
    try (Connection c = db.read()) {
      for (FleetAnswers.Decision r :
          Rows.list(
              c,
              FleetAnswers.Decision.class,
              "SELECT subject AS \"subject\", version AS \"version\","
                  + " decision AS \"decision\", decided_by AS \"by\", reason AS \"reason\", decided_at AS \"decidedAt\","
                  + " overrides AS \"overrides\" FROM policy_entries WHERE subject IN ("
                  + String.join(",", Collections.nCopies(purls.size(), "?"))
                  + ")",
              purls.toArray())) {
        out.put(r.subject() + "@" + r.version(), r);
      }
    }
    return out;
  }

  /**
   * On how many devices agents report each version suspended (a package-version-changed finding).
   */
  private Map<String, Long> suspended(List<PackageSummary.Version> page) throws SQLException {
    List<String> keys =
        page.stream()
            .filter(v -> !v.version().isEmpty())
            .map(v -> v.purl() + "@" + v.version())
            .toList();
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> out = new HashMap<>();
    try (Connection c = db.read()) {
      for (Suspended r :
          Rows.list(
              c,
              Suspended.class,
              "SELECT purl AS \"purl\", COUNT(DISTINCT node_id) AS \"n\""
                  + " FROM findings WHERE purl IN ("
                  + String.join(",", Collections.nCopies(keys.size(), "?"))
                  + ")"
                  + " AND rule = 'package-version-changed' AND status = 'open' GROUP BY purl",
              keys.toArray())) {
        out.put(r.purl(), r.n());
      }
    }
    return out;
  }
}
