package dev.daylight.collector.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.Rows;
import dev.daylight.identity.Purls;
import dev.daylight.identity.VersionRange;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which stored intel records call a package version malicious ({@code MAL-} ids, as OSV's malicious
 * packages feed names them): approvals of such versions need an override, and the packages page
 * marks them. The records are indexed by package once per intel revision, not read per question.
 */
public final class MaliciousIntel {
  private record Affected(String id, JsonNode affected) {}

  private record Index(long revision, Map<String, List<Affected>> byPackage) {}

  private final Database db;
  private volatile Index index = new Index(-1, Map.of());

  public MaliciousIntel(Database db) {
    this.db = db;
  }

  /**
   * The ids of malicious records covering {@code version} of {@code base}, or any version of it
   * when {@code version} is empty. A record that lists neither versions nor ranges covers every
   * version.
   */
  public List<String> advisories(String base, Optional<String> version) throws SQLException {
    String type = Purls.type(base);
    String name = PackagePages.decoded(base.substring(base.indexOf('/') + 1));
    List<String> ids = new ArrayList<>();
    for (Affected a : current().byPackage().getOrDefault(key(type, name), List.of())) {
      if (covers(a.affected(), type, version) && !ids.contains(a.id())) {
        ids.add(a.id());
      }
    }
    return ids;
  }

  private Index current() throws SQLException {
    try (Connection c = db.read()) {
      long revision = Rows.count(c, "SELECT value FROM revisions WHERE name = 'intel'");
      Index i = index;
      if (i.revision() == revision) {
        return i;
      }
      synchronized (this) {
        if (index.revision() != revision) {
          index = load(c, revision);
        }
        return index;
      }
    }
  }

  private static Index load(Connection c, long revision) throws SQLException {
    Map<String, List<Affected>> byPackage = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT osv_id, body FROM intel WHERE osv_id LIKE 'MAL-%'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        JsonNode record = Json.mapper().readTree(rs.getString(2));
        for (JsonNode a : record.path("affected")) {
          JsonNode pkg = a.path("package");
          String type = pkg.path("ecosystem").asText().toLowerCase(Locale.ROOT);
          byPackage
              .computeIfAbsent(key(type, pkg.path("name").asText()), k -> new ArrayList<>())
              .add(new Affected(rs.getString(1), a));
        }
      }
    } catch (IOException e) {
      throw new SQLException("stored intel is not JSON", e);
    }
    return new Index(revision, byPackage);
  }

  private static String key(String type, String name) {
    String n =
        type.equals("pypi")
            ? name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-")
            : name.toLowerCase(Locale.ROOT);
    return type + ":" + n;
  }

  private static boolean covers(JsonNode a, String type, Optional<String> version) {
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
    return !listed && !ranged;
  }

  /**
   * OSV events as intervals of the ecosystem's own range syntax (introduced X → {@code >=X}, fixed
   * Y → {@code <Y}); each introduced event opens a new interval, and the version is covered by any
   * of them.
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
