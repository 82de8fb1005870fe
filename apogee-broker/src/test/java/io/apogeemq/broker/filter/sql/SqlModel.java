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
import java.util.Map;

/**
 * The reference semantics of semantics.md §9.2 written as plainly as possible, straight on the
 * syntax tree with {@code Boolean} (null = unknown): what the compiled filter must agree with.
 */
final class SqlModel {

  private SqlModel() {}

  /** A property value that does not convert aborts the evaluation: the message does not match. */
  static final class ConversionError extends RuntimeException {
    ConversionError(String value) {
      super(value, null, false, false);
    }
  }

  static boolean matches(SqlExpression e, Map<String, String> props) {
    try {
      return Boolean.TRUE.equals(eval(e, props));
    } catch (ConversionError err) {
      return false;
    }
  }

  static Boolean eval(SqlExpression e, Map<String, String> props) {
    if (e instanceof Constant c) {
      return c.value();
    }
    if (e instanceof And a) {
      Boolean l = eval(a.left(), props);
      if (Boolean.FALSE.equals(l)) {
        return false;
      }
      Boolean r = eval(a.right(), props);
      if (Boolean.FALSE.equals(r)) {
        return false;
      }
      return l == null || r == null ? null : true;
    }
    if (e instanceof Or o) {
      Boolean l = eval(o.left(), props);
      if (Boolean.TRUE.equals(l)) {
        return true;
      }
      Boolean r = eval(o.right(), props);
      if (Boolean.TRUE.equals(r)) {
        return true;
      }
      return l == null || r == null ? null : false;
    }
    if (e instanceof Not n) {
      Boolean v = eval(n.operand(), props);
      return v == null ? null : !v;
    }
    if (e instanceof Comparison c) {
      return compare(value(c.left(), props), c.operator(), value(c.right(), props));
    }
    if (e instanceof Between b) {
      Object v = value(b.value(), props);
      Boolean lo = compare(v, ComparisonOperator.GE, value(b.low(), props));
      Boolean both;
      if (Boolean.FALSE.equals(lo)) {
        both = false;
      } else {
        Boolean hi = compare(v, ComparisonOperator.LE, value(b.high(), props));
        both = Boolean.FALSE.equals(hi) ? Boolean.FALSE
            : lo == null || hi == null ? null : Boolean.TRUE;
      }
      return both == null ? null : both != b.negated();
    }
    if (e instanceof In in) {
      Object v = value(in.value(), props);
      return v == null ? null : in.values().contains(v) != in.negated();
    }
    if (e instanceof IsNull n) {
      return (value(n.value(), props) == null) != n.negated();
    }
    TextMatch t = (TextMatch) e;
    Object v = value(t.value(), props);
    if (v == null) {
      return null;
    }
    String s = (String) v;
    boolean hit = switch (t.operator()) {
      case CONTAINS -> s.contains(t.text());
      case STARTSWITH -> s.startsWith(t.text());
      case ENDSWITH -> s.endsWith(t.text());
    };
    return hit != t.negated();
  }

  private static Object value(SqlOperand o, Map<String, String> props) {
    if (o instanceof SqlOperand.Property p) {
      String v = props.get(p.name());
      return v == null || v.isEmpty() ? null : v;
    }
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

  private static Boolean compare(Object l, ComparisonOperator op, Object r) {
    if (l == null || r == null) {
      return null;
    }
    if (l instanceof String s && !(r instanceof String)) {
      l = convert(s, r);
    } else if (r instanceof String s && !(l instanceof String)) {
      r = convert(s, l);
    }
    if (l instanceof Number a && r instanceof Number b) {
      boolean integral = !(a instanceof Double) && !(b instanceof Double);
      if (integral) {
        long x = a.longValue();
        long y = b.longValue();
        return switch (op) {
          case EQ -> x == y;
          case NE -> x != y;
          case GT -> x > y;
          case GE -> x >= y;
          case LT -> x < y;
          case LE -> x <= y;
        };
      }
      double x = a.doubleValue();
      double y = b.doubleValue();
      if (op.ordering() && (Double.isNaN(x) || Double.isNaN(y))) {
        return null;
      }
      return switch (op) {
        case EQ -> x == y;
        case NE -> x != y;
        case GT -> x > y;
        case GE -> x >= y;
        case LT -> x < y;
        case LE -> x <= y;
      };
    }
    if (op.ordering()) {
      return null;
    }
    if (l.getClass() == r.getClass() && (l instanceof String || l instanceof Boolean)) {
      return l.equals(r) == (op == ComparisonOperator.EQ);
    }
    return null;
  }

  /** The property string as the literal's type; throws {@link ConversionError} otherwise. */
  private static Object convert(String s, Object like) {
    try {
      if (like instanceof Integer) {
        return Integer.valueOf(s);
      }
      if (like instanceof Long) {
        return Long.valueOf(s);
      }
      if (like instanceof Double) {
        return Double.valueOf(s);
      }
      if (like instanceof Boolean) {
        return Boolean.valueOf(s);
      }
      throw new ConversionError(s);
    } catch (NumberFormatException e) {
      throw new ConversionError(s);
    }
  }
}
