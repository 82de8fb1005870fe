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
import java.util.Set;

/**
 * Turns a syntax tree into a tree of small evaluation nodes, once per subscription. The common
 * shapes get nodes that neither box nor throw on the hot path: a property compared with a numeric
 * literal parses the property's digits directly, a property compared with a string literal is one
 * {@code equals}. Everything else goes through the general rules of {@link SqlValues}.
 *
 * <p>Stateless; the nodes it builds are immutable and thread-safe.
 */
final class SqlCompiler {

  /** A compiled condition: returns a {@link Truth} value. */
  interface Condition {
    int test(PropertySource p);
  }

  /** A compiled operand: the value per {@link SqlValues}' conventions, or null. */
  interface Value {
    Object get(PropertySource p);
  }

  private SqlCompiler() {}

  static Condition compile(SqlExpression e) {
    if (e instanceof Constant c) {
      int t = Truth.of(c.value());
      return p -> t;
    }
    if (e instanceof And a) {
      Condition l = compile(a.left());
      Condition r = compile(a.right());
      return p -> {
        int x = l.test(p);
        return x == Truth.FALSE || x == Truth.ERROR ? x : Truth.and(x, r.test(p));
      };
    }
    if (e instanceof Or o) {
      Condition l = compile(o.left());
      Condition r = compile(o.right());
      return p -> {
        int x = l.test(p);
        return x == Truth.TRUE || x == Truth.ERROR ? x : Truth.or(x, r.test(p));
      };
    }
    if (e instanceof Not n) {
      Condition inner = compile(n.operand());
      return p -> Truth.not(inner.test(p));
    }
    if (e instanceof Comparison c) {
      return comparison(c.left(), c.operator(), c.right());
    }
    if (e instanceof Between b) {
      Condition low = comparison(b.value(), ComparisonOperator.GE, b.low());
      Condition high = comparison(b.value(), ComparisonOperator.LE, b.high());
      boolean negated = b.negated();
      return p -> {
        int x = low.test(p);
        return Truth.negateIf(negated,
            x == Truth.FALSE || x == Truth.ERROR ? x : Truth.and(x, high.test(p)));
      };
    }
    if (e instanceof In in) {
      Value v = value(in.value());
      Set<String> set = Set.copyOf(in.values());
      boolean negated = in.negated();
      return p -> {
        Object x = v.get(p);
        return x == null ? Truth.UNKNOWN : Truth.of(set.contains((String) x) != negated);
      };
    }
    if (e instanceof IsNull n) {
      Value v = value(n.value());
      boolean negated = n.negated();
      return p -> Truth.of((v.get(p) == null) != negated);
    }
    if (e instanceof TextMatch t) {
      return textMatch(t);
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  private static Condition textMatch(TextMatch t) {
    Value v = value(t.value());
    String text = t.text();
    boolean negated = t.negated();
    return switch (t.operator()) {
      case CONTAINS -> p -> {
        Object x = v.get(p);
        return x == null ? Truth.UNKNOWN : Truth.of(((String) x).contains(text) != negated);
      };
      case STARTSWITH -> p -> {
        Object x = v.get(p);
        return x == null ? Truth.UNKNOWN : Truth.of(((String) x).startsWith(text) != negated);
      };
      case ENDSWITH -> p -> {
        Object x = v.get(p);
        return x == null ? Truth.UNKNOWN : Truth.of(((String) x).endsWith(text) != negated);
      };
    };
  }

  private static Condition comparison(SqlOperand left, ComparisonOperator op, SqlOperand right) {
    if (left instanceof SqlOperand.Property prop && right.numeric()) {
      return numeric(prop, op, right);
    }
    if (right instanceof SqlOperand.Property prop && left.numeric()) {
      return numeric(prop, mirror(op), left);
    }
    if (left instanceof SqlOperand.Property prop && right instanceof SqlOperand.StringLiteral s
        && !op.ordering()) {
      return stringEquality(prop, op == ComparisonOperator.NE, s.value());
    }
    Value l = value(left);
    Value r = value(right);
    if (!op.ordering()) {
      boolean ne = op == ComparisonOperator.NE;
      return p -> Truth.negateIf(ne, SqlValues.equal(l.get(p), r.get(p)));
    }
    return p -> ordered(op, SqlValues.order(l.get(p), r.get(p)));
  }

  private static Condition stringEquality(SqlOperand.Property prop, boolean ne, String literal) {
    String name = prop.name();
    byte[] utf8 = prop.utf8();
    return p -> {
      String x = p.get(name, utf8);
      return x == null ? Truth.UNKNOWN : Truth.of(x.equals(literal) != ne);
    };
  }

  /** {@code property op literal} with a numeric literal: the property converts to its type. */
  private static Condition numeric(SqlOperand.Property prop, ComparisonOperator op,
      SqlOperand literal) {
    String name = prop.name();
    byte[] utf8 = prop.utf8();
    if (literal instanceof SqlOperand.DoubleLiteral d) {
      double y = d.value();
      return p -> {
        String s = p.get(name, utf8);
        if (s == null) {
          return Truth.UNKNOWN;
        }
        double x;
        try {
          x = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          return Truth.ERROR;
        }
        return doubles(op, x, y);
      };
    }
    boolean isInt = literal instanceof SqlOperand.IntLiteral;
    long y = isInt ? ((SqlOperand.IntLiteral) literal).value()
        : ((SqlOperand.LongLiteral) literal).value();
    long min = isInt ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long max = isInt ? Integer.MAX_VALUE : Long.MAX_VALUE;
    return p -> {
      String s = p.get(name, utf8);
      if (s == null) {
        return Truth.UNKNOWN;
      }
      long x = IntegerText.parse(s, min, max);
      if (x == IntegerText.INVALID && !IntegerText.isValid(s, min, max)) {
        return Truth.ERROR;
      }
      return ordered(op, Long.compare(x, y));
    };
  }

  /** Java's comparisons, except that an ordering with NaN is unknown (as in {@link SqlValues}). */
  private static int doubles(ComparisonOperator op, double x, double y) {
    if (op.ordering() && (Double.isNaN(x) || Double.isNaN(y))) {
      return Truth.UNKNOWN;
    }
    return switch (op) {
      case EQ -> Truth.of(x == y);
      case NE -> Truth.of(x != y);
      case GT -> Truth.of(x > y);
      case GE -> Truth.of(x >= y);
      case LT -> Truth.of(x < y);
      case LE -> Truth.of(x <= y);
    };
  }

  /**
   * Applies an operator to a comparison result; {@link SqlValues#UNKNOWN} and
   * {@link SqlValues#ERROR} pass through as truth values.
   */
  private static int ordered(ComparisonOperator op, int cmp) {
    if (cmp == SqlValues.UNKNOWN) {
      return Truth.UNKNOWN;
    }
    if (cmp == SqlValues.ERROR) {
      return Truth.ERROR;
    }
    return switch (op) {
      case EQ -> Truth.of(cmp == 0);
      case NE -> Truth.of(cmp != 0);
      case GT -> Truth.of(cmp > 0);
      case GE -> Truth.of(cmp >= 0);
      case LT -> Truth.of(cmp < 0);
      case LE -> Truth.of(cmp <= 0);
    };
  }

  /** The operator with its operands swapped: {@code 5 < a} is {@code a > 5}. */
  private static ComparisonOperator mirror(ComparisonOperator op) {
    return switch (op) {
      case GT -> ComparisonOperator.LT;
      case GE -> ComparisonOperator.LE;
      case LT -> ComparisonOperator.GT;
      case LE -> ComparisonOperator.GE;
      default -> op;
    };
  }

  private static Value value(SqlOperand o) {
    if (o instanceof SqlOperand.Property prop) {
      String name = prop.name();
      byte[] utf8 = prop.utf8();
      return p -> p.get(name, utf8);
    }
    Object constant = constant(o);
    return p -> constant;
  }

  private static Object constant(SqlOperand o) {
    if (o instanceof SqlOperand.StringLiteral s) {
      return s.value();
    }
    if (o instanceof SqlOperand.IntLiteral i) {
      return i.value();
    }
    if (o instanceof SqlOperand.LongLiteral l) {
      return l.value();
    }
    if (o instanceof SqlOperand.DoubleLiteral d) {
      return d.value();
    }
    if (o instanceof SqlOperand.BooleanLiteral b) {
      return b.value();
    }
    return null;
  }
}
