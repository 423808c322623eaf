package dev.daylight.ui.servers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Where a person can read an advisory: OSV serves MAL-, GHSA-, CVE- and PYSEC- ids alike. */
final class Advisories {
  private Advisories() {}

  static Optional<String> link(String advisoryId) {
    if (advisoryId == null || advisoryId.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        "https://osv.dev/vulnerability/"
            + URLEncoder.encode(advisoryId.trim(), StandardCharsets.UTF_8));
  }
}
