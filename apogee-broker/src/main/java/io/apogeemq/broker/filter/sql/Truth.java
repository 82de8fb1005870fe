package io.apogeemq.broker.filter.sql;

/**
 * Three-valued logic as small ints, so evaluating a filter allocates nothing for its logic:
 * {@link #TRUE}, {@link #FALSE} and {@link #UNKNOWN} (a missing property or a value that cannot be
 * converted). Only {@code TRUE} selects a message.
 */
final class Truth {

  static final int FALSE = 0;
  static final int TRUE = 1;
  static final int UNKNOWN = 2;

  private Truth() {}

  static int of(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** NOT: unknown stays unknown. */
  static int not(int t) {
    return t == UNKNOWN ? UNKNOWN : 1 - t;
  }

  /** Negates when {@code negate} is set. */
  static int negateIf(boolean negate, int t) {
    return negate ? not(t) : t;
  }

  /** AND: false wins, then unknown. */
  static int and(int a, int b) {
    if (a == FALSE || b == FALSE) {
      return FALSE;
    }
    return a == TRUE && b == TRUE ? TRUE : UNKNOWN;
  }

  /** OR: true wins, then unknown. */
  static int or(int a, int b) {
    if (a == TRUE || b == TRUE) {
      return TRUE;
    }
    return a == FALSE && b == FALSE ? FALSE : UNKNOWN;
  }
}
