package io.apogeemq.broker.filter.sql;

import io.apogeemq.broker.filter.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a filter expression into {@link SqlToken}s (semantics.md §9.2): identifiers (ASCII
 * letter, {@code _} or {@code $}, then also digits), case-insensitive keywords, strings in single
 * quotes with {@code ''} for a quote, decimal integers with an optional {@code L}, floating-point
 * numbers ({@code 1.5}, {@code .5}, {@code 5E10}), and the symbols {@code ( ) , = <> > >= < <= + -}.
 * Whitespace is space, tab, CR and LF.
 *
 * <p>Stateless and thread-safe.
 */
final class SqlLexer {

  private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
      Map.entry("AND", Kind.AND), Map.entry("OR", Kind.OR), Map.entry("NOT", Kind.NOT),
      Map.entry("BETWEEN", Kind.BETWEEN), Map.entry("IN", Kind.IN), Map.entry("IS", Kind.IS),
      Map.entry("NULL", Kind.NULL), Map.entry("TRUE", Kind.TRUE), Map.entry("FALSE", Kind.FALSE),
      Map.entry("CONTAINS", Kind.CONTAINS), Map.entry("STARTSWITH", Kind.STARTSWITH),
      Map.entry("ENDSWITH", Kind.ENDSWITH));

  private SqlLexer() {}

  /** True when {@code word} is a keyword (in any case), so it cannot name a property. */
  static boolean isKeyword(String word) {
    return KEYWORDS.containsKey(word.toUpperCase(Locale.ROOT));
  }

  static List<SqlToken> tokens(String in) {
    List<SqlToken> out = new ArrayList<>();
    int i = 0;
    int n = in.length();
    while (i < n) {
      char c = in.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        i++;
      } else if (identifierStart(c)) {
        int start = i;
        while (i < n && identifierPart(in.charAt(i))) {
          i++;
        }
        String word = in.substring(start, i);
        Kind kw = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
        out.add(new SqlToken(kw == null ? Kind.IDENTIFIER : kw, word, start));
      } else if (c == '\'') {
        i = string(in, i, out);
      } else if (digit(c) || (c == '.' && i + 1 < n && digit(in.charAt(i + 1)))) {
        i = number(in, i, out);
      } else {
        i = symbol(in, i, out);
      }
    }
    out.add(new SqlToken(Kind.END, "", n));
    return out;
  }

  private static int string(String in, int start, List<SqlToken> out) {
    StringBuilder sb = new StringBuilder();
    int i = start + 1;
    while (true) {
      if (i >= in.length()) {
        throw new SqlSyntaxException("unterminated string literal", start);
      }
      char c = in.charAt(i);
      if (c == '\'') {
        if (i + 1 < in.length() && in.charAt(i + 1) == '\'') {
          sb.append('\'');
          i += 2;
          continue;
        }
        out.add(new SqlToken(Kind.STRING, sb.toString(), start));
        return i + 1;
      }
      sb.append(c);
      i++;
    }
  }

  private static int number(String in, int start, List<SqlToken> out) {
    int n = in.length();
    int i = start;
    while (i < n && digit(in.charAt(i))) {
      i++;
    }
    boolean decimal = false;
    if (i < n && in.charAt(i) == '.') {
      decimal = true;
      i++;
      while (i < n && digit(in.charAt(i))) {
        i++;
      }
    }
    if (i < n && (in.charAt(i) == 'e' || in.charAt(i) == 'E')) {
      int e = i + 1;
      if (e < n && (in.charAt(e) == '+' || in.charAt(e) == '-')) {
        e++;
      }
      if (e >= n || !digit(in.charAt(e))) {
        throw new SqlSyntaxException("exponent without digits in number", start);
      }
      decimal = true;
      i = e;
      while (i < n && digit(in.charAt(i))) {
        i++;
      }
    }
    String text = in.substring(start, i);
    if (!decimal && i < n && (in.charAt(i) == 'L' || in.charAt(i) == 'l')) {
      i++;
    }
    if (i < n && (identifierPart(in.charAt(i)) || in.charAt(i) == '.')) {
      throw new SqlSyntaxException("malformed number '" + in.substring(start, i + 1) + "'",
          start);
    }
    out.add(new SqlToken(decimal ? Kind.DECIMAL : Kind.INTEGER, text, start));
    return i;
  }

  private static int symbol(String in, int i, List<SqlToken> out) {
    char c = in.charAt(i);
    char next = i + 1 < in.length() ? in.charAt(i + 1) : 0;
    switch (c) {
      case '(' -> out.add(new SqlToken(Kind.LPAREN, "(", i));
      case ')' -> out.add(new SqlToken(Kind.RPAREN, ")", i));
      case ',' -> out.add(new SqlToken(Kind.COMMA, ",", i));
      case '=' -> out.add(new SqlToken(Kind.EQ, "=", i));
      case '+' -> out.add(new SqlToken(Kind.PLUS, "+", i));
      case '-' -> out.add(new SqlToken(Kind.MINUS, "-", i));
      case '>' -> {
        if (next == '=') {
          out.add(new SqlToken(Kind.GE, ">=", i));
          return i + 2;
        }
        out.add(new SqlToken(Kind.GT, ">", i));
      }
      case '<' -> {
        if (next == '=') {
          out.add(new SqlToken(Kind.LE, "<=", i));
          return i + 2;
        }
        if (next == '>') {
          out.add(new SqlToken(Kind.NE, "<>", i));
          return i + 2;
        }
        out.add(new SqlToken(Kind.LT, "<", i));
      }
      default -> throw new SqlSyntaxException("unexpected character '" + printable(c) + "'", i);
    }
    return i + 1;
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f || Character.isSurrogate(c)
        ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean identifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
  }

  private static boolean identifierPart(char c) {
    return identifierStart(c) || digit(c);
  }
}
