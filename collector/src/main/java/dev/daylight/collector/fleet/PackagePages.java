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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The packages and servers lists, paged from the {@link PackageSummary} snapshot, each version with
 * what the fleet decided about it, what intel says, and on how many devices agents suspended it.
 */
final class PackagePages {
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
    return slash < 0
        ? purl
        : URLDecoder.decode(purl.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  Map<String, Object> packages(
      String q, String purl, String version, String cursor, int limit, long now)
      throws SQLException {
    PackageSummary.Snapshot snap = summary.get(now);
    List<Object> after = Cursor.decode(cursor, 2);
    String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
    List<PackageSummary.Version> page = new ArrayList<>();
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
      page.add(v);
      if (page.size() > limit) {
        break;
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Map<String, Object>> decisions = decisions(page);
    Map<String, Long> suspended = suspended(page);
    for (PackageSummary.Version v : page) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("purl", v.purl());
      r.put("name", displayName(v.purl()));
      r.put("version", v.version().isEmpty() ? null : v.version());
      r.put("devices", v.devices());
      r.put("firstSeen", Instant.ofEpochMilli(v.firstSeen()).toString());
      r.put("lastSeen", Instant.ofEpochMilli(v.lastSeen()).toString());
      Map<String, Object> exact = decisions.get(v.purl() + "@" + v.version());
      Map<String, Object> all = decisions.get(v.purl() + "@");
      r.put("decision", v.version().isEmpty() ? all : exact != null ? exact : all);
      r.put(
          "malicious",
          malicious.advisories(
              v.purl(), v.version().isEmpty() ? Optional.empty() : Optional.of(v.version())));
      r.put("suspendedOn", suspended.getOrDefault(v.purl() + "@" + v.version(), 0L));
      r.put("k_purl", v.purl());
      r.put("k_version", v.version());
      rows.add(r);
    }
    Map<String, Object> out = Cursor.page("packages", rows, limit, List.of("k_purl", "k_version"));
    out.put("countedAt", Instant.ofEpochMilli(snap.takenAt()).toString());
    return out;
  }

  /** Server entries and distinct packages across the fleet, from the snapshot, with its time. */
  Map<String, Object> totals(long now) throws SQLException {
    PackageSummary.Snapshot snap = summary.get(now);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("servers", snap.servers().stream().mapToLong(PackageSummary.Server::entries).sum());
    out.put(
        "packages", snap.versions().stream().map(PackageSummary.Version::purl).distinct().count());
    Map<String, Object> open = new LinkedHashMap<>();
    for (String sev : List.of("critical", "high", "medium", "low", "info")) {
      open.put(sev, snap.openFindings().getOrDefault(sev, 0L));
    }
    out.put("openFindings", open);
    out.put("countedAt", Instant.ofEpochMilli(snap.takenAt()).toString());
    return out;
  }

  Map<String, Object> servers(String q, String cursor, int limit, long now) throws SQLException {
    PackageSummary.Snapshot snap = summary.get(now);
    List<Object> after = Cursor.decode(cursor, 2);
    String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
    List<Map<String, Object>> rows = new ArrayList<>();
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
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", s.name());
      r.put("purl", s.purl().isEmpty() ? null : s.purl());
      r.put("devices", s.devices());
      r.put("entries", s.entries());
      r.put("firstSeen", Instant.ofEpochMilli(s.firstSeen()).toString());
      r.put("lastSeen", Instant.ofEpochMilli(s.lastSeen()).toString());
      r.put("k_name", s.name());
      r.put("k_purl", s.purl());
      rows.add(r);
      if (rows.size() > limit) {
        break;
      }
    }
    Map<String, Object> out = Cursor.page("servers", rows, limit, List.of("k_name", "k_purl"));
    out.put("countedAt", Instant.ofEpochMilli(snap.takenAt()).toString());
    return out;
  }

  /**
   * Decisions on the page's packages, keyed {@code purl@version} ({@code purl@} for every version).
   */
  private Map<String, Map<String, Object>> decisions(List<PackageSummary.Version> page)
      throws SQLException {
    List<String> purls = page.stream().map(PackageSummary.Version::purl).distinct().toList();
    if (purls.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, Object>> out = new HashMap<>();
    try (Connection c = db.read()) {
      for (Map<String, Object> r :
          Rows.query(
              c,
              "SELECT subject AS \"subject\", version AS \"version\","
                  + " decision AS \"decision\", decided_by AS \"by\", reason AS \"reason\", decided_at AS \"decidedAt\","
                  + " overrides AS \"overrides\" FROM policy_entries WHERE subject IN ("
                  + String.join(",", Collections.nCopies(purls.size(), "?"))
                  + ")",
              purls.toArray())) {
        out.put(r.get("subject") + "@" + r.get("version"), r);
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
      for (Map<String, Object> r :
          Rows.query(
              c,
              "SELECT purl AS \"purl\", COUNT(DISTINCT node_id) AS \"n\""
                  + " FROM findings WHERE purl IN ("
                  + String.join(",", Collections.nCopies(keys.size(), "?"))
                  + ")"
                  + " AND rule = 'package-version-changed' AND status = 'open' GROUP BY purl",
              keys.toArray())) {
        out.put((String) r.get("purl"), ((Number) r.get("n")).longValue());
      }
    }
    return out;
  }
}
