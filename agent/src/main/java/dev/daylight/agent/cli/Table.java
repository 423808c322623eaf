package dev.daylight.agent.cli;

import dev.daylight.agent.text.Visible;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A plain text table for people: every cell through {@link Visible} (a config cannot forge a row),
 * columns as wide as their widest cell (capped), narrowed to fit the terminal. A cell too wide is
 * cut at its end, or at its start for columns that end in what matters (a path's {@code :line}).
 */
final class Table {
  private static final int MAX = 60;
  private static final int MIN = 6;
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final Set<Integer> keepTail = new HashSet<>();
  private int severityColumn = -1;

  Table(String... header) {
    this.header = List.of(header);
  }

  /** Column {@code i} is cut at its start, keeping its end (a file name and line number). */
  Table keepTail(int i) {
    keepTail.add(i);
    return this;
  }

  /** Column {@code i} holds a severity and is coloured by it on a colour terminal. */
  Table severity(int i) {
    severityColumn = i;
    return this;
  }

  Table row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(c == null ? "-" : Visible.of(c.toString()));
    }
    rows.add(r);
    return this;
  }

  void print(PrintWriter out) {
    print(out, Terminal.current());
  }

  void print(PrintWriter out, Terminal term) {
    int[] width = widths(term.width());
    line(out, header, width, null);
    for (List<String> r : rows) {
      line(out, r, width, severityColumn >= 0 ? term : null);
    }
    out.flush();
  }

  private int[] widths(int available) {
    int[] width = new int[header.size()];
    int total = 2 * (width.length - 1);
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.min(MAX, Math.max(width[i], r.get(i).length()));
      }
      total += width[i];
    }
    // Narrow the widest column, one character at a time, until the row fits (or nothing can give).
    while (total > available) {
      int widest = -1;
      for (int i = 0; i < width.length; i++) {
        if (width[i] > MIN && (widest < 0 || width[i] > width[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        break;
      }
      width[widest]--;
      total--;
    }
    return width;
  }

  private void line(PrintWriter out, List<String> cells, int[] width, Terminal colour) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = fit(cells.get(i), width[i], keepTail.contains(i));
      String padded =
          i == cells.size() - 1 ? cell : cell + " ".repeat(width[i] - cell.length() + 2);
      sb.append(
          colour != null && i == severityColumn ? colour.severity(cells.get(i), padded) : padded);
    }
    out.println(sb.toString().stripTrailing());
  }

  private static String fit(String cell, int width, boolean tail) {
    if (cell.length() <= width) {
      return cell;
    }
    return tail
        ? "…" + cell.substring(cell.length() - width + 1)
        : cell.substring(0, width - 1) + "…";
  }
}
