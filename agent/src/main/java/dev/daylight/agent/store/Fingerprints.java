package dev.daylight.agent.store;

import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The fingerprints table: one JSON body per base purl and version, written once. */
final class Fingerprints {
  private final Connection c;

  Fingerprints(Connection c) {
    this.c = c;
  }

  Set<String> keys() {
    return new HashSet<>(
        Sql.list(c, "SELECT purl || '@' || version FROM fingerprints", rs -> rs.getString(1)));
  }

  Map<String, Store.StoredCapabilities> capabilities() {
    Map<String, Store.StoredCapabilities> out = new HashMap<>();
    for (Object[] row :
        Sql.list(
            c,
            "SELECT purl || '@' || version, capabilities, capabilities_why FROM fingerprints",
            rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
      out.put((String) row[0], new Store.StoredCapabilities((String) row[1], (String) row[2]));
    }
    return out;
  }

  Optional<String> body(String purl, String version) {
    return Sql.one(
        c,
        "SELECT body FROM fingerprints WHERE purl = ? AND version = ?",
        rs -> rs.getString(1),
        purl,
        version);
  }

  void insert(List<Store.FingerprintRow> rows, Instant now) {
    for (Store.FingerprintRow r : rows) {
      Sql.update(
          c,
          "INSERT OR IGNORE INTO fingerprints(purl, version, source, install_path, manifest_sha256,"
              + " computed_at, indicators, body, capabilities, capabilities_why) VALUES (?,?,?,?,?,?,?,?,?,?)",
          r.purl(),
          r.version(),
          r.source(),
          r.installPath(),
          r.manifestSha256(),
          now,
          r.indicators(),
          r.body(),
          r.capabilities(),
          r.capabilitiesWhy());
    }
  }
}
