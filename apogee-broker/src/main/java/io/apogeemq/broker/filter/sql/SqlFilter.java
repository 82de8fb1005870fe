package io.apogeemq.broker.filter.sql;

import java.util.Objects;

/**
 * A compiled SQL92 filter (semantics.md §9.2): parse and type-check once with {@link #compile},
 * then {@link #matches} any number of messages. A message matches only when the expression is
 * TRUE; FALSE and UNKNOWN (a missing property, a value that does not convert) do not match, and
 * {@code NOT} of unknown stays unknown.
 *
 * <p>Immutable and thread-safe.
 */
public final class SqlFilter {

  private final String expression;
  private final SqlExpression tree;
  private final SqlCompiler.Condition condition;

  private SqlFilter(String expression, SqlExpression tree) {
    this.expression = expression;
    this.tree = tree;
    this.condition = SqlCompiler.compile(tree);
  }

  /**
   * Compiles an expression.
   *
   * @throws SqlSyntaxException when it does not parse or type-check (nothing else is thrown)
   */
  public static SqlFilter compile(String expression) {
    return new SqlFilter(expression, SqlParser.parse(expression));
  }

  /** Whether the message with these properties is selected. */
  public boolean matches(PropertySource properties) {
    return condition.test(properties) == Truth.TRUE;
  }

  /** The expression as given. */
  public String expression() {
    return expression;
  }

  /** The syntax tree. */
  public SqlExpression tree() {
    return tree;
  }

  @Override
  public String toString() {
    return SqlPrinter.print(tree);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SqlFilter f && f.expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return Objects.hash(expression);
  }
}
