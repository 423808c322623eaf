package dev.daylight.collector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Query results as records: each component takes the column labelled with its name (aliases are
 * quoted camelCase, which both engines keep as written), converted by the component's type. A
 * component that is itself a record takes its components from the same row, so an answer can nest
 * the columns it shows apart from those it only works with. Columns no component names are left
 * (sort keys); a component no column names is a programming error, found by the first query.
 */
public final class Rows {
  private static final Map<Class<?>, Binding> BINDINGS = new ConcurrentHashMap<>();

  private Rows() {}

  public static <R extends Record> List<R> list(
      Connection c, Class<R> type, String sql, Object... args) throws SQLException {
    Binding binding = BINDINGS.computeIfAbsent(type, Binding::of);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.putIfAbsent(md.getColumnLabel(i), i);
        }
        List<R> out = new ArrayList<>();
        while (rs.next()) {
          out.add(type.cast(binding.read(rs, columns)));
        }
        return out;
      }
    }
  }

  public static long count(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** How one record type is read from a row. */
  private record Binding(Constructor<?> constructor, RecordComponent[] components) {
    static Binding of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return new Binding(constructor, components);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }

    Object read(ResultSet rs, Map<String, Integer> columns) throws SQLException {
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent rc = components[i];
        Class<?> t = rc.getType();
        if (t.isRecord()) {
          values[i] = BINDINGS.computeIfAbsent(t, Binding::of).read(rs, columns);
          continue;
        }
        Integer col = columns.get(rc.getName());
        if (col == null) {
          throw new IllegalStateException(
              "no column \"" + rc.getName() + "\" for " + rc.getDeclaringRecord().getSimpleName());
        }
        values[i] = value(rs, col, t);
      }
      try {
        return constructor.newInstance(values);
      } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Whole numbers as longs (SQLite answers ints, PostgreSQL's sums are numerics); epoch
   * milliseconds as instants; JSON text as a tree, or null when it is not JSON.
   */
  private static Object value(ResultSet rs, int col, Class<?> t) throws SQLException {
    if (t == String.class) {
      return rs.getString(col);
    }
    if (t == long.class) {
      return rs.getLong(col);
    }
    Object v = rs.getObject(col);
    if (v == null) {
      return null;
    }
    if (t == Long.class) {
      return ((Number) v).longValue();
    }
    if (t == Instant.class) {
      return Instant.ofEpochMilli(((Number) v).longValue());
    }
    if (t == JsonNode.class) {
      try {
        return Json.mapper().readTree(v.toString());
      } catch (JsonProcessingException e) {
        return null;
      }
    }
    throw new IllegalStateException("no column conversion to " + t.getName());
  }
}
