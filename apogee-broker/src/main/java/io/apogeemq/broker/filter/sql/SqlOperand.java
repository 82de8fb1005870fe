package io.apogeemq.broker.filter.sql;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A value in a filter expression: a message property or a literal. Integer literals that fit in 32
 * bits are {@link IntLiteral}, larger ones {@link LongLiteral} (semantics.md §9.2: the literal's
 * type decides what a property string is converted to).
 */
public sealed interface SqlOperand {

  /** A message property, looked up case-sensitively by exact name. */
  record Property(String name) implements SqlOperand {
    public Property {
      Objects.requireNonNull(name, "name");
    }

    /** The name as UTF-8, as it appears in a stored record's properties. */
    public byte[] utf8() {
      return name.getBytes(StandardCharsets.UTF_8);
    }
  }

  record StringLiteral(String value) implements SqlOperand {
    public StringLiteral {
      Objects.requireNonNull(value, "value");
    }
  }

  record IntLiteral(int value) implements SqlOperand {}

  record LongLiteral(long value) implements SqlOperand {}

  /** A finite floating-point literal. */
  record DoubleLiteral(double value) implements SqlOperand {}

  record BooleanLiteral(boolean value) implements SqlOperand {}

  /** {@code NULL}: any comparison with it is unknown. */
  record NullLiteral() implements SqlOperand {}

  /** True for the numeric literals. */
  default boolean numeric() {
    return this instanceof IntLiteral || this instanceof LongLiteral
        || this instanceof DoubleLiteral;
  }

  /** True for every literal (everything but a property). */
  default boolean literal() {
    return !(this instanceof Property);
  }
}
