package dev.daylight.collector.store;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of one table as one record type fills them: each column is declared once, with the
 * value it takes, so the INSERT's column list, its placeholders and the row's values cannot drift
 * apart. Values are String, Long, Integer or null, as {@link MultiRow} binds them.
 */
public final class Columns<T> {
  /** One column and how a record gives its value. */
  public record Column<T>(String name, Function<T, Object> value) {}

  private final String table;
  private final List<Column<T>> columns;

  private Columns(String table, List<Column<T>> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  @SafeVarargs
  public static <T> Columns<T> of(String table, Column<T>... columns) {
    return new Columns<>(table, List.of(columns));
  }

  public static <T> Column<T> col(String name, Function<T, Object> value) {
    return new Column<>(name, value);
  }

  /** {@code INSERT INTO table (a, b, ...) VALUES }, for {@link MultiRow}'s head. */
  public String insertHead() {
    return "INSERT INTO "
        + table
        + " ("
        + columns.stream().map(Column::name).collect(Collectors.joining(", "))
        + ") VALUES ";
  }

  /** One row of placeholders, for {@link MultiRow}'s row. */
  public String placeholders() {
    return columns.stream().map(c -> "?").collect(Collectors.joining(",", "(", ")"));
  }

  /** {@code a = excluded.a, ...} for every column but the key and the ones given. */
  public String updateAllExcept(List<String> keyAndOthers) {
    return columns.stream()
        .map(Column::name)
        .filter(n -> !keyAndOthers.contains(n))
        .map(n -> n + " = excluded." + n)
        .collect(Collectors.joining(", "));
  }

  /** The position of a column in a row, for keys that rows are deduplicated by. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + name + " in " + table);
  }

  public Object[] row(T record) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).value().apply(record);
    }
    return values;
  }
}
