package io.apogeemq.broker.filter.sql;

import io.apogeemq.broker.filter.sql.SqlExpression.And;
import io.apogeemq.broker.filter.sql.SqlExpression.Between;
import io.apogeemq.broker.filter.sql.SqlExpression.Comparison;
import io.apogeemq.broker.filter.sql.SqlExpression.Constant;
import io.apogeemq.broker.filter.sql.SqlExpression.In;
import io.apogeemq.broker.filter.sql.SqlExpression.IsNull;
import io.apogeemq.broker.filter.sql.SqlExpression.Not;
import io.apogeemq.broker.filter.sql.SqlExpression.Or;
import io.apogeemq.broker.filter.sql.SqlExpression.TextMatch;

/**
 * Prints a syntax tree as expression text that {@link SqlParser} reads back into an equal tree:
 * every {@code AND}, {@code OR} and {@code NOT} in parentheses (and the operand of {@code NOT} too,
 * so the official RocketMQ parser reads the text the same way), keywords in upper case, strings
 * quoted with {@code ''} for a quote. Used in logs and admin answers, and by the round-trip tests.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlPrinter {

  private SqlPrinter() {}

  public static String print(SqlExpression e) {
    StringBuilder sb = new StringBuilder();
    print(e, sb);
    return sb.toString();
  }

  private static void print(SqlExpression e, StringBuilder sb) {
    if (e instanceof Constant c) {
      sb.append(c.value() ? "TRUE" : "FALSE");
    } else if (e instanceof And a) {
      binary(a.left(), " AND ", a.right(), sb);
    } else if (e instanceof Or o) {
      binary(o.left(), " OR ", o.right(), sb);
    } else if (e instanceof Not n) {
      // The operand in its own parentheses: the official grammar binds NOT tighter than a
      // comparison ("NOT a = 1" is "(NOT a) = 1" there), so this text means the same to both.
      sb.append("(NOT (");
      print(n.operand(), sb);
      sb.append("))");
    } else if (e instanceof Comparison c) {
      operand(c.left(), sb);
      sb.append(' ').append(c.operator().symbol()).append(' ');
      operand(c.right(), sb);
    } else if (e instanceof Between b) {
      operand(b.value(), sb);
      sb.append(b.negated() ? " NOT BETWEEN " : " BETWEEN ");
      operand(b.low(), sb);
      sb.append(" AND ");
      operand(b.high(), sb);
    } else if (e instanceof In in) {
      operand(in.value(), sb);
      sb.append(in.negated() ? " NOT IN (" : " IN (");
      for (int i = 0; i < in.values().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        string(in.values().get(i), sb);
      }
      sb.append(')');
    } else if (e instanceof IsNull n) {
      operand(n.value(), sb);
      sb.append(n.negated() ? " IS NOT NULL" : " IS NULL");
    } else if (e instanceof TextMatch t) {
      operand(t.value(), sb);
      sb.append(t.negated() ? " NOT " : " ").append(t.operator().name()).append(' ');
      string(t.text(), sb);
    } else {
      throw new IllegalStateException("unknown expression " + e);
    }
  }

  private static void binary(SqlExpression l, String op, SqlExpression r, StringBuilder sb) {
    sb.append('(');
    print(l, sb);
    sb.append(op);
    print(r, sb);
    sb.append(')');
  }

  static void operand(SqlOperand o, StringBuilder sb) {
    if (o instanceof SqlOperand.Property p) {
      sb.append(p.name());
    } else if (o instanceof SqlOperand.StringLiteral s) {
      string(s.value(), sb);
    } else if (o instanceof SqlOperand.IntLiteral i) {
      sb.append(i.value());
    } else if (o instanceof SqlOperand.LongLiteral l) {
      sb.append(l.value());
    } else if (o instanceof SqlOperand.DoubleLiteral d) {
      sb.append(Double.toString(d.value()));
    } else if (o instanceof SqlOperand.BooleanLiteral b) {
      sb.append(b.value() ? "TRUE" : "FALSE");
    } else {
      sb.append("NULL");
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('\'').append(s.replace("'", "''")).append('\'');
  }
}
