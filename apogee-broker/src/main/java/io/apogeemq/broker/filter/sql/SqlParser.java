package io.apogeemq.broker.filter.sql;

import io.apogeemq.broker.filter.sql.SqlExpression.And;
import io.apogeemq.broker.filter.sql.SqlExpression.Between;
import io.apogeemq.broker.filter.sql.SqlExpression.Comparison;
import io.apogeemq.broker.filter.sql.SqlExpression.ComparisonOperator;
import io.apogeemq.broker.filter.sql.SqlExpression.Constant;
import io.apogeemq.broker.filter.sql.SqlExpression.In;
import io.apogeemq.broker.filter.sql.SqlExpression.IsNull;
import io.apogeemq.broker.filter.sql.SqlExpression.Not;
import io.apogeemq.broker.filter.sql.SqlExpression.Or;
import io.apogeemq.broker.filter.sql.SqlExpression.TextMatch;
import io.apogeemq.broker.filter.sql.SqlExpression.TextOperator;
import io.apogeemq.broker.filter.sql.SqlToken.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for RocketMQ's SQL92 filter grammar (semantics.md §9.2). It also does
 * the compile-time type checks RocketMQ does: ordering comparisons and {@code BETWEEN} take numeric
 * literals only, {@code IN} lists and substring tests take string literals only.
 *
 * <pre>
 * expression := or END
 * or         := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | '(' or ')' | predicate
 * predicate  := operand ( cmp operand
 *                       | IS [NOT] NULL
 *                       | [NOT] BETWEEN operand AND operand
 *                       | [NOT] IN '(' string (',' string)* ')'
 *                       | [NOT] (CONTAINS | STARTSWITH | ENDSWITH) string )
 *             | TRUE | FALSE
 * operand    := property | string | [+|-] number | TRUE | FALSE | NULL
 * </pre>
 *
 * <p>Nesting (parentheses and {@code NOT}) is limited to {@value #MAX_DEPTH} levels so that no input
 * can exhaust the stack; every problem is a {@link SqlSyntaxException}.
 *
 * <p>Not thread-safe (one instance per parse); use {@link #parse(String)}.
 */
public final class SqlParser {

  static final int MAX_DEPTH = 100;
  /** Longest expression accepted (characters). */
  public static final int MAX_LENGTH = 16 * 1024;

  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final List<SqlToken> tokens;
  private int at;
  private int depth;

  private SqlParser(List<SqlToken> tokens) {
    this.tokens = tokens;
  }

  /**
   * Parses and type-checks an expression.
   *
   * @throws SqlSyntaxException naming the problem and its position; nothing else
   */
  public static SqlExpression parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new SqlSyntaxException("empty SQL92 expression", 0);
    }
    if (expression.length() > MAX_LENGTH) {
      throw new SqlSyntaxException("SQL92 expression longer than " + MAX_LENGTH
          + " characters", MAX_LENGTH);
    }
    SqlParser p = new SqlParser(SqlLexer.tokens(expression));
    SqlExpression e = p.or();
    p.expect(Kind.END, "AND, OR or the end of the expression");
    return e;
  }

  private SqlExpression or() {
    SqlExpression left = and();
    while (accept(Kind.OR)) {
      left = new Or(left, and());
    }
    return left;
  }

  private SqlExpression and() {
    SqlExpression left = not();
    while (accept(Kind.AND)) {
      left = new And(left, not());
    }
    return left;
  }

  private SqlExpression not() {
    SqlToken t = peek();
    if (t.kind() == Kind.NOT || t.kind() == Kind.LPAREN) {
      if (++depth > MAX_DEPTH) {
        throw new SqlSyntaxException("expression nested deeper than " + MAX_DEPTH + " levels",
            t.position());
      }
      at++;
      SqlExpression e;
      if (t.kind() == Kind.NOT) {
        e = new Not(not());
      } else {
        e = or();
        expect(Kind.RPAREN, "')' closing the '(' at position " + t.position());
      }
      depth--;
      return e;
    }
    return predicate();
  }

  private SqlExpression predicate() {
    SqlToken first = peek();
    SqlOperand left = operand();
    SqlToken t = peek();
    ComparisonOperator op = comparisonOperator(t.kind());
    if (op != null) {
      at++;
      SqlToken rightToken = peek();
      SqlOperand right = operand();
      if (left instanceof SqlOperand.NullLiteral || right instanceof SqlOperand.NullLiteral) {
        // As the official parser: NULL is only tested with IS [NOT] NULL.
        throw new SqlSyntaxException("NULL cannot be compared; use IS NULL or IS NOT NULL",
            (left instanceof SqlOperand.NullLiteral ? first : rightToken).position());
      }
      if (op.ordering()) {
        requireOrderable(left, first, op);
        requireOrderable(right, rightToken, op);
        if (!left.numeric() && !right.numeric()) {
          throw new SqlSyntaxException("'" + op.symbol()
              + "' compares with a number: one side must be a numeric literal", t.position());
        }
      }
      return new Comparison(left, op, right);
    }
    if (accept(Kind.IS)) {
      boolean negated = accept(Kind.NOT);
      expect(Kind.NULL, "NULL after IS" + (negated ? " NOT" : ""));
      return new IsNull(left, negated);
    }
    boolean negated = accept(Kind.NOT);
    SqlToken kw = peek();
    switch (kw.kind()) {
      case BETWEEN -> {
        at++;
        requireValue(left, first, "BETWEEN", true);
        SqlOperand low = numericLiteral("BETWEEN");
        expect(Kind.AND, "AND between the bounds of BETWEEN");
        SqlOperand high = numericLiteral("BETWEEN");
        return new Between(left, low, high, negated);
      }
      case IN -> {
        at++;
        requireProperty(left, first, "IN");
        expect(Kind.LPAREN, "'(' after IN");
        List<String> values = new ArrayList<>();
        do {
          values.add(stringLiteral("IN"));
        } while (accept(Kind.COMMA));
        expect(Kind.RPAREN, "',' or ')' in the IN list");
        return new In(left, values, negated);
      }
      case CONTAINS, STARTSWITH, ENDSWITH -> {
        at++;
        requireProperty(left, first, kw.kind().name());
        TextOperator op2 = TextOperator.valueOf(kw.kind().name());
        return new TextMatch(left, op2, stringLiteral(kw.kind().name()), negated);
      }
      default -> {
        if (negated) {
          throw new SqlSyntaxException("expected BETWEEN, IN, CONTAINS, STARTSWITH or ENDSWITH "
              + "after NOT but found " + kw.describe(), kw.position());
        }
        if (left instanceof SqlOperand.BooleanLiteral b) {
          return new Constant(b.value());
        }
        throw new SqlSyntaxException("expected a comparison after " + first.describe()
            + " but found " + kw.describe(), kw.position());
      }
    }
  }

  private SqlOperand operand() {
    SqlToken t = peek();
    switch (t.kind()) {
      case IDENTIFIER -> {
        at++;
        return new SqlOperand.Property(t.text());
      }
      case STRING -> {
        at++;
        return new SqlOperand.StringLiteral(t.text());
      }
      case TRUE, FALSE -> {
        at++;
        return new SqlOperand.BooleanLiteral(t.kind() == Kind.TRUE);
      }
      case NULL -> {
        at++;
        return new SqlOperand.NullLiteral();
      }
      case INTEGER, DECIMAL, PLUS, MINUS -> {
        return number();
      }
      default -> throw new SqlSyntaxException("expected a property or a value but found "
          + t.describe(), t.position());
    }
  }

  private SqlOperand number() {
    SqlToken start = peek();
    boolean negative = false;
    while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
      negative ^= next().kind() == Kind.MINUS;
    }
    SqlToken t = next();
    if (t.kind() == Kind.INTEGER) {
      BigInteger v = new BigInteger(t.text());
      if (negative) {
        v = v.negate();
      }
      if (v.compareTo(INT_MIN) >= 0 && v.compareTo(INT_MAX) <= 0) {
        return new SqlOperand.IntLiteral(v.intValue());
      }
      if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
        return new SqlOperand.LongLiteral(v.longValue());
      }
      throw new SqlSyntaxException("integer " + (negative ? "-" : "") + t.text()
          + " is out of the 64-bit range", start.position());
    }
    if (t.kind() == Kind.DECIMAL) {
      double d = Double.parseDouble(t.text());
      if (Double.isInfinite(d)) {
        throw new SqlSyntaxException("number " + t.text() + " is out of the double range",
            start.position());
      }
      return new SqlOperand.DoubleLiteral(negative ? -d : d);
    }
    throw new SqlSyntaxException("expected a number after a sign but found " + t.describe(),
        t.position());
  }

  private SqlOperand numericLiteral(String what) {
    SqlToken t = peek();
    SqlOperand o = operand();
    if (!o.numeric()) {
      throw new SqlSyntaxException(what + " needs numeric bounds but found " + t.describe(),
          t.position());
    }
    return o;
  }

  private String stringLiteral(String what) {
    SqlToken t = next();
    if (t.kind() != Kind.STRING) {
      throw new SqlSyntaxException(what + " takes string literals only but found "
          + t.describe(), t.position());
    }
    return t.text();
  }

  private static void requireOrderable(SqlOperand o, SqlToken t, ComparisonOperator op) {
    if (o.literal() && !o.numeric()) {
      throw new SqlSyntaxException("'" + op.symbol() + "' cannot compare " + t.describe()
          + ": only numbers are ordered", t.position());
    }
  }

  /** The left side of BETWEEN (numeric) or IN / substring tests (string): a property or such a literal. */
  private static void requireValue(SqlOperand o, SqlToken t, String what, boolean numeric) {
    boolean ok = o instanceof SqlOperand.Property
        || (numeric ? o.numeric() : o instanceof SqlOperand.StringLiteral);
    if (!ok) {
      throw new SqlSyntaxException(what + " cannot test " + t.describe(), t.position());
    }
  }

  /** IN and the substring tests take a property on the left, as in the official parser. */
  private static void requireProperty(SqlOperand o, SqlToken t, String what) {
    if (!(o instanceof SqlOperand.Property)) {
      throw new SqlSyntaxException(what + " tests a property, not " + t.describe(), t.position());
    }
  }

  private static ComparisonOperator comparisonOperator(Kind k) {
    return switch (k) {
      case EQ -> ComparisonOperator.EQ;
      case NE -> ComparisonOperator.NE;
      case GT -> ComparisonOperator.GT;
      case GE -> ComparisonOperator.GE;
      case LT -> ComparisonOperator.LT;
      case LE -> ComparisonOperator.LE;
      default -> null;
    };
  }

  private SqlToken peek() {
    return tokens.get(at);
  }

  private SqlToken next() {
    SqlToken t = tokens.get(at);
    if (t.kind() != Kind.END) {
      at++;
    }
    return t;
  }

  private boolean accept(Kind kind) {
    if (peek().kind() == kind) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(Kind kind, String what) {
    SqlToken t = peek();
    if (t.kind() != kind) {
      throw new SqlSyntaxException("expected " + what + " but found " + t.describe(),
          t.position());
    }
    at++;
  }
}
