package dev.daylight.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query results as JSON-ready maps. Column aliases are quoted camelCase (both engines keep quoted
 * aliases as written); epoch-millis columns named like times come out as ISO-8601 strings.
 */
public final class Rows {
  private static final Set<String> TIMES =
      Set.of(
          "firstSeen",
          "lastSeen",
          "enrolledAt",
          "resolvedAt",
          "at",
          "receivedAt",
          "createdAt",
          "decidedAt");

  private Rows() {}

  public static List<Map<String, Object>> query(Connection c, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= n; i++) {
            String label = md.getColumnLabel(i);
            Object v = rs.getObject(i);
            if (v instanceof Number num && TIMES.contains(label)) {
              v = Instant.ofEpochMilli(num.longValue()).toString();
            } else if (v instanceof Integer || v instanceof Long) {
              v = ((Number) v).longValue();
            }
            row.put(label, v);
          }
          out.add(row);
        }
        return out;
      }
    }
  }

  public static long count(Connection c, String sql, Object... args) throws SQLException {
    List<Map<String, Object>> rows = query(c, sql, args);
    if (rows.isEmpty()) {
      return 0;
    }
    Object v = rows.get(0).values().iterator().next();
    return v == null ? 0 : ((Number) v).longValue();
  }
}
