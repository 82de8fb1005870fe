package io.apogeemq.cli.admin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table like mqadmin's: {@code #}-prefixed headers, left-aligned columns padded to the
 * widest cell, two spaces between columns. Not thread-safe; build, then print.
 */
public final class Table {

  private final List<String> headers;
  private final List<String[]> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = headers;
  }

  /** A table with these column names (printed as {@code #Name}). */
  public static Table of(String... headers) {
    return new Table(Arrays.stream(headers).map(h -> "#" + h).toList());
  }

  /** Adds a row; {@code null} cells print as empty. */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has "
          + headers.size() + " columns");
    }
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      r[i] = cells[i] == null ? "" : cells[i].toString();
    }
    rows.add(r);
    return this;
  }

  public int size() {
    return rows.size();
  }

  public void print(PrintWriter out) {
    int[] width = new int[headers.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = headers.get(i).length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    line(out, headers.toArray(String[]::new), width);
    for (String[] r : rows) {
      line(out, r, width);
    }
    out.flush();
  }

  private static void line(PrintWriter out, String[] cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      sb.append(cells[i]);
      if (i < cells.length - 1) {
        sb.append(" ".repeat(width[i] - cells[i].length() + 2));
      }
    }
    out.println(sb);
  }
}
