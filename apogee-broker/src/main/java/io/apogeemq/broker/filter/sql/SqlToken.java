package io.apogeemq.broker.filter.sql;

/**
 * One token of a filter expression.
 *
 * @param kind what the token is
 * @param text identifier or keyword as written, string literal content (quotes removed,
 *     {@code ''} unescaped), number digits (without an {@code L} suffix), or the symbol
 * @param position 0-based index of the token's first character
 */
record SqlToken(Kind kind, String text, int position) {

  enum Kind {
    IDENTIFIER, STRING, INTEGER, DECIMAL,
    AND, OR, NOT, BETWEEN, IN, IS, NULL, TRUE, FALSE, CONTAINS, STARTSWITH, ENDSWITH,
    LPAREN, RPAREN, COMMA, EQ, NE, GT, GE, LT, LE, PLUS, MINUS, END
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case END -> "end of expression";
      case STRING -> "string '" + text + "'";
      case IDENTIFIER -> "property " + text;
      default -> "'" + text + "'";
    };
  }
}
