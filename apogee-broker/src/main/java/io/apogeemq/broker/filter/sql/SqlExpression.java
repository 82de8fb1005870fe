package io.apogeemq.broker.filter.sql;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of an SQL92 filter (semantics.md §9.2), as {@link SqlParser} builds it and
 * {@link SqlPrinter} prints it. Values are immutable; equal trees print the same text.
 */
public sealed interface SqlExpression {

  /** {@code TRUE} or {@code FALSE} used as a whole condition. */
  record Constant(boolean value) implements SqlExpression {}

  record And(SqlExpression left, SqlExpression right) implements SqlExpression {
    public And {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  record Or(SqlExpression left, SqlExpression right) implements SqlExpression {
    public Or {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  record Not(SqlExpression operand) implements SqlExpression {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code left op right}. */
  record Comparison(SqlOperand left, ComparisonOperator operator, SqlOperand right)
      implements SqlExpression {
    public Comparison {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(right, "right");
    }
  }

  /** {@code value [NOT] BETWEEN low AND high}; the bounds are numeric literals. */
  record Between(SqlOperand value, SqlOperand low, SqlOperand high, boolean negated)
      implements SqlExpression {
    public Between {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
    }
  }

  /** {@code value [NOT] IN ('a', 'b', ...)}: string literals only, at least one. */
  record In(SqlOperand value, List<String> values, boolean negated) implements SqlExpression {
    public In {
      Objects.requireNonNull(value, "value");
      values = List.copyOf(values);
    }
  }

  /** {@code value IS [NOT] NULL}. */
  record IsNull(SqlOperand value, boolean negated) implements SqlExpression {
    public IsNull {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code value [NOT] CONTAINS|STARTSWITH|ENDSWITH 'text'} (RocketMQ 5.1.3+). */
  record TextMatch(SqlOperand value, TextOperator operator, String text, boolean negated)
      implements SqlExpression {
    public TextMatch {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(text, "text");
    }
  }

  /** The six comparison operators. */
  enum ComparisonOperator {
    EQ("="), NE("<>"), GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    ComparisonOperator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** True for the ordering operators, which need numeric operands. */
    public boolean ordering() {
      return this != EQ && this != NE;
    }
  }

  /** The substring tests. */
  enum TextOperator {
    CONTAINS, STARTSWITH, ENDSWITH
  }
}
