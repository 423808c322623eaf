package dev.daylight.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One INSERT carrying many VALUES rows. A batch of reports becomes a few statements instead of one
 * per row, which is what PostgreSQL charges for (each execution is a round trip and an executor
 * start) and what SQLite's single writer spends its time preparing and stepping. Values are String,
 * Long, Integer or null (bound as a null string, as the columns are text).
 */
public final class MultiRow {
  private static final int MAX_ROWS = 64;
  private final String head;
  private final String row;
  private final String tail;
  private final int params;
  private final ConcurrentHashMap<Integer, String> sql = new ConcurrentHashMap<>();

  /**
   * {@code head} up to VALUES, {@code row} one parenthesized row of ? and literals, {@code tail}
   * after.
   */
  public MultiRow(String head, String row, String tail) {
    this.head = head;
    this.row = row;
    this.tail = tail;
    this.params = (int) row.chars().filter(ch -> ch == '?').count();
  }

  /**
   * Runs the statement over all rows, in order. With a {@code key}, a chunk ends before a row whose
   * key is already in it: an upsert may not touch one row twice in one statement, and the later row
   * must see the earlier one's effect.
   */
  public void execute(Connection c, List<Object[]> rows, Function<Object[], Object> key)
      throws SQLException {
    for (List<Object[]> chunk : chunks(rows, key)) {
      PreparedStatement ps = Statements.prepare(c, sql(chunk.size()));
      bind(ps, chunk);
      ps.executeUpdate();
    }
  }

  /**
   * As {@link #execute} without keys, for a statement ending in {@code RETURNING col}: the values
   * returned.
   */
  public List<String> returning(Connection c, List<Object[]> rows) throws SQLException {
    List<String> out = new ArrayList<>();
    for (List<Object[]> chunk : chunks(rows, null)) {
      // Not cached: a statement that returned rows is closed here rather than left open on the
      // connection.
      try (PreparedStatement ps = c.prepareStatement(sql(chunk.size()))) {
        bind(ps, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
    }
    return out;
  }

  private List<List<Object[]>> chunks(List<Object[]> rows, Function<Object[], Object> key) {
    List<List<Object[]>> out = new ArrayList<>();
    List<Object[]> current = new ArrayList<>();
    Set<Object> keys = new HashSet<>();
    for (Object[] r : rows) {
      if (r.length != params) {
        throw new IllegalArgumentException(
            "row has " + r.length + " values, statement takes " + params);
      }
      if (current.size() == MAX_ROWS || (key != null && !keys.add(key.apply(r)))) {
        out.add(current);
        current = new ArrayList<>();
        keys.clear();
        if (key != null) {
          keys.add(key.apply(r));
        }
      }
      current.add(r);
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private String sql(int rows) {
    return sql.computeIfAbsent(
        rows,
        n -> {
          StringBuilder sb =
              new StringBuilder(head.length() + tail.length() + n * (row.length() + 1));
          sb.append(head);
          for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(row);
          }
          return sb.append(tail).toString();
        });
  }

  private static void bind(PreparedStatement ps, List<Object[]> rows) throws SQLException {
    int i = 1;
    for (Object[] r : rows) {
      for (Object v : r) {
        if (v instanceof Long l) {
          ps.setLong(i++, l);
        } else if (v instanceof Integer n) {
          ps.setInt(i++, n);
        } else {
          ps.setString(i++, (String) v);
        }
      }
    }
  }
}
