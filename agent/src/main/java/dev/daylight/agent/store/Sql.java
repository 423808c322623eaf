package dev.daylight.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few JDBC shapes the store needs, with SQLException turned into StoreException. */
final class Sql {
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Sql() {}

  static int update(Connection c, String sql, Object... params) {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("write failed: " + sql, e);
    }
  }

  static long insert(Connection c, String sql, Object... params) {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      ps.executeUpdate();
      try (ResultSet keys = c.createStatement().executeQuery("SELECT last_insert_rowid()")) {
        return keys.next() ? keys.getLong(1) : -1;
      }
    } catch (SQLException e) {
      throw new StoreException("insert failed: " + sql, e);
    }
  }

  static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("read failed: " + sql, e);
    }
  }

  static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) {
    List<T> all = list(c, sql, row, params);
    return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      ps.setObject(i + 1, p instanceof Instant t ? text(t) : p);
    }
    return ps;
  }

  /** Fixed-width UTC text, so timestamps compare correctly as strings in SQL. */
  static String text(Instant t) {
    return STAMP.format(t);
  }

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored JSON unreadable as " + type.getSimpleName(), e);
    }
  }

  static JsonNode tree(Object value) {
    return value == null ? null : Json.mapper().valueToTree(value);
  }

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
