package io.apogeemq.broker.filter.sql;

/**
 * Parses a property string as {@code Integer.parseInt} / {@code Long.parseLong} would, without
 * throwing on the common failure (a value that is not a number): ASCII digits with an optional
 * sign are parsed here; anything else falls back to the JDK parser (which also accepts other
 * Unicode digits).
 *
 * <p>Stateless and thread-safe.
 */
final class IntegerText {

  /** Returned when the text is not a number in range; check with {@link #isValid}. */
  static final long INVALID = Long.MIN_VALUE;

  private IntegerText() {}

  /**
   * The value of {@code s} within {@code [min, max]}, or {@link #INVALID} when it is not one (or
   * is exactly {@code Long.MIN_VALUE}, which {@link #isValid} tells apart).
   */
  static long parse(String s, long min, long max) {
    int n = s.length();
    if (n == 0) {
      return INVALID;
    }
    if (n > 20) {
      return slow(s, min, max);
    }
    int i = 0;
    boolean negative = false;
    char c = s.charAt(0);
    if (c == '-' || c == '+') {
      negative = c == '-';
      i = 1;
      if (n == 1) {
        return INVALID;
      }
    }
    long v = 0;
    for (; i < n; i++) {
      char d = s.charAt(i);
      if (d < '0' || d > '9') {
        return slow(s, min, max);
      }
      if (v < Long.MIN_VALUE / 10) {
        return INVALID;
      }
      long next = v * 10 - (d - '0');
      if (next > v) {
        return INVALID;
      }
      v = next;
    }
    if (!negative) {
      if (v == Long.MIN_VALUE) {
        return INVALID;
      }
      v = -v;
    }
    return v < min || v > max ? INVALID : v;
  }

  /**
   * Whether {@code s} is a number within {@code [min, max]} (the slow, exact check; only needed
   * to tell a real {@code Long.MIN_VALUE} from {@link #INVALID}).
   */
  static boolean isValid(String s, long min, long max) {
    try {
      long v = Long.parseLong(s);
      return v >= min && v <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static long slow(String s, long min, long max) {
    try {
      long v = Long.parseLong(s);
      return v < min || v > max ? INVALID : v;
    } catch (NumberFormatException e) {
      return INVALID;
    }
  }
}
