package io.apogeemq.broker.filter.sql;

/**
 * Three-valued logic as small ints, so evaluating a filter allocates nothing for its logic:
 * {@link #TRUE}, {@link #FALSE} and {@link #UNKNOWN} (a missing property), plus {@link #ERROR}: a
 * property value that cannot be converted to the literal's type aborts the evaluation and the
 * message does not match, whatever the rest of the expression says — as the official broker,
 * whose evaluation throws and whose pull filter treats the exception as "no match". Operands are
 * evaluated left to right with short-circuits ({@code FALSE AND x}, {@code TRUE OR x} do not
 * evaluate {@code x}), so an error on the right of a decided {@code AND}/{@code OR} does not
 * count, as in the official evaluator. Only {@code TRUE} selects a message.
 */
final class Truth {

  static final int FALSE = 0;
  static final int TRUE = 1;
  static final int UNKNOWN = 2;
  static final int ERROR = 3;

  private Truth() {}

  static int of(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** NOT: unknown stays unknown, an error stays an error. */
  static int not(int t) {
    return t >= UNKNOWN ? t : 1 - t;
  }

  /** Negates when {@code negate} is set. */
  static int negateIf(boolean negate, int t) {
    return negate ? not(t) : t;
  }

  /** AND of two evaluated operands: an error wins, then false, then unknown. */
  static int and(int a, int b) {
    if (a == ERROR || b == ERROR) {
      return ERROR;
    }
    if (a == FALSE || b == FALSE) {
      return FALSE;
    }
    return a == TRUE && b == TRUE ? TRUE : UNKNOWN;
  }

  /** OR of two evaluated operands: an error wins, then true, then unknown. */
  static int or(int a, int b) {
    if (a == ERROR || b == ERROR) {
      return ERROR;
    }
    if (a == TRUE || b == TRUE) {
      return TRUE;
    }
    return a == FALSE && b == FALSE ? FALSE : UNKNOWN;
  }
}
