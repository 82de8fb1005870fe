package io.apogeemq.broker.filter.sql;

/**
 * An SQL92 filter expression that does not compile: a lexical or grammar error, a literal out of
 * range, or an operand of the wrong type (a string literal compared with {@code >}). The message
 * names the problem and the character position (0-based) where it was found, so a client error
 * such as {@code SUBSCRIPTION_PARSE_FAILED} is readable as it stands.
 */
public final class SqlSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int position;

  public SqlSyntaxException(String problem, int position) {
    super(problem + " at position " + position);
    this.position = position;
  }

  /** Where the problem was found (0-based character index; the length for the end of input). */
  public int position() {
    return position;
  }
}
