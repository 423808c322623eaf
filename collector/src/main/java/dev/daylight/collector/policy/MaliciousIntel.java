package dev.daylight.collector.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.fleet.VersionRange;
import dev.daylight.collector.ingest.Purls;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which stored intel records call a package version malicious ({@code MAL-} ids, as OSV's malicious
 * packages feed names them). An approval of such a version needs an explicit override, so this is
 * read on every approval; the LIKE on the compact JSON narrows the scan to records naming the package.
 */
final class MaliciousIntel {
  private MaliciousIntel() {}

  /**
   * The ids of malicious records covering {@code version} of {@code base}, or any version of it when
   * {@code version} is empty. A record that lists neither versions nor ranges covers every version.
   */
  static List<String> advisories(Connection c, String base, Optional<String> version) throws SQLException {
    String type = Purls.type(base);
    String name = URLDecoder.decode(base.substring(base.indexOf('/') + 1), StandardCharsets.UTF_8);
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT osv_id, body FROM intel WHERE osv_id LIKE 'MAL-%' AND LOWER(body) LIKE ?")) {
      ps.setString(1, "%\"name\":" + Json.mapper().writeValueAsString(name.toLowerCase(Locale.ROOT)) + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (covers(Json.mapper().readTree(rs.getString(2)), type, name, version)) {
            ids.add(rs.getString(1));
          }
        }
      }
    } catch (IOException e) {
      throw new SQLException("stored intel is not JSON", e);
    }
    return ids;
  }

  private static boolean covers(JsonNode record, String type, String name, Optional<String> version) {
    for (JsonNode a : record.path("affected")) {
      JsonNode pkg = a.path("package");
      if (!pkg.path("ecosystem").asText().equalsIgnoreCase(type)
          || !samePackage(type, pkg.path("name").asText(), name)) {
        continue;
      }
      if (version.isEmpty()) {
        return true;
      }
      String v = version.get();
      boolean listed = false;
      for (JsonNode listedVersion : a.path("versions")) {
        listed = true;
        if (listedVersion.asText().equals(v)) {
          return true;
        }
      }
      boolean ranged = false;
      for (JsonNode r : a.path("ranges")) {
        if (r.path("type").asText().equals("GIT")) {
          continue;
        }
        ranged = true;
        if (inRange(type, r.path("events"), v)) {
          return true;
        }
      }
      if (!listed && !ranged) {
        return true;
      }
    }
    return false;
  }

  private static boolean samePackage(String type, String a, String b) {
    return type.equals("pypi")
        ? Purls.base("pkg:pypi/" + a).equals(Purls.base("pkg:pypi/" + b))
        : a.equalsIgnoreCase(b);
  }

  /**
   * OSV events as intervals of the ecosystem's own range syntax (introduced X → {@code >=X}, fixed Y →
   * {@code <Y}); each introduced event opens a new interval, and the version is covered by any of them.
   */
  private static boolean inRange(String type, JsonNode events, String version) {
    if (!type.equals("npm") && !type.equals("pypi")) {
      return true; // no order known here for this ecosystem: covered, the safe side for an approval
    }
    List<List<String>> intervals = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.hasNonNull("introduced")) {
        String from = e.get("introduced").asText();
        intervals.add(new ArrayList<>(List.of(">=" + (from.equals("0") ? "0.0.0-0" : from))));
      } else if (!intervals.isEmpty() && e.hasNonNull("fixed")) {
        intervals.get(intervals.size() - 1).add("<" + e.get("fixed").asText());
      } else if (!intervals.isEmpty() && e.hasNonNull("last_affected")) {
        intervals.get(intervals.size() - 1).add("<=" + e.get("last_affected").asText());
      }
    }
    for (List<String> interval : intervals) {
      try {
        String range = String.join(type.equals("pypi") ? "," : " ", interval);
        if (type.equals("pypi") && range.startsWith(">=0.0.0-0")) {
          range = range.replace(">=0.0.0-0", ">=0");
        }
        Predicate<String> p = VersionRange.parse(type, range);
        if (p.test(version)) {
          return true;
        }
      } catch (RuntimeException e) {
        // An order this collector cannot evaluate: covered, the safe side for an approval.
        return true;
      }
    }
    return false;
  }
}
