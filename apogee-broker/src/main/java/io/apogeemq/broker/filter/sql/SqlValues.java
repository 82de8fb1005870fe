package io.apogeemq.broker.filter.sql;

/**
 * The value rules of semantics.md §9.2. Values are {@code String} (properties, string literals),
 * {@code Integer}, {@code Long}, {@code Double}, {@code Boolean} (literals) or null (missing
 * property, {@code NULL}). A string compared with a numeric or boolean value is first converted to
 * that value's type ({@code Integer.parseInt}, {@code Long.parseLong}, {@code Double.parseDouble},
 * {@code Boolean.parseBoolean}); a string that does not convert is an evaluation error
 * ({@link Truth#ERROR}: the message does not match).
 * Numbers compare by value (as {@code long} when both are integral, else as {@code double}, with
 * Java's rules for NaN); strings and booleans compare by equality only; any other mix is unknown.
 *
 * <p>Stateless and thread-safe.
 */
final class SqlValues {

  /** Marker for "cannot convert" (never a value). */
  private static final Object INCONVERTIBLE = new Object();
  /** {@link #order} result: unknown (missing value, not numbers, NaN). */
  static final int UNKNOWN = Integer.MIN_VALUE;
  /** {@link #order} result: a string did not convert to a number. */
  static final int ERROR = Integer.MIN_VALUE + 1;

  private SqlValues() {}

  /** {@code l = r} as a {@link Truth}. */
  static int equal(Object l, Object r) {
    if (l == null || r == null) {
      return Truth.UNKNOWN;
    }
    if (l instanceof String && !(r instanceof String)) {
      l = convert((String) l, r);
    } else if (r instanceof String && !(l instanceof String)) {
      r = convert((String) r, l);
    }
    if (l == INCONVERTIBLE || r == INCONVERTIBLE) {
      return Truth.ERROR;
    }
    if (l instanceof Number a && r instanceof Number b) {
      return Truth.of(compareNumbers(a, b) == 0);
    }
    if ((l instanceof String && r instanceof String)
        || (l instanceof Boolean && r instanceof Boolean)) {
      return Truth.of(l.equals(r));
    }
    return Truth.UNKNOWN;
  }

  /**
   * Compares two values for an ordering operator: negative, zero or positive as {@code l} is less
   * than, equal to or greater than {@code r}; {@link #UNKNOWN} when unknown (missing, not
   * numbers, or NaN involved), {@link #ERROR} when a string does not convert.
   */
  static int order(Object l, Object r) {
    if (l == null || r == null) {
      return UNKNOWN;
    }
    if (l instanceof String s && r instanceof Number) {
      l = convert(s, r);
    } else if (r instanceof String s && l instanceof Number) {
      r = convert(s, l);
    }
    if (l == INCONVERTIBLE || r == INCONVERTIBLE) {
      return ERROR;
    }
    if (l instanceof Number a && r instanceof Number b) {
      return compareNumbers(a, b);
    }
    return UNKNOWN;
  }

  /** Numeric comparison; {@link #UNKNOWN} when a NaN is involved. */
  static int compareNumbers(Number a, Number b) {
    if (a instanceof Double || b instanceof Double) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      if (x < y) {
        return -1;
      }
      if (x > y) {
        return 1;
      }
      return x == y ? 0 : UNKNOWN;
    }
    return Long.compare(a.longValue(), b.longValue());
  }

  /** Converts a string to the type of {@code like}; {@link #INCONVERTIBLE} when it cannot. */
  static Object convert(String s, Object like) {
    try {
      if (like instanceof Integer) {
        return Integer.parseInt(s);
      }
      if (like instanceof Long) {
        return Long.parseLong(s);
      }
      if (like instanceof Double) {
        return Double.parseDouble(s);
      }
      if (like instanceof Boolean) {
        return Boolean.parseBoolean(s);
      }
    } catch (NumberFormatException e) {
      return INCONVERTIBLE;
    }
    return INCONVERTIBLE;
  }
}
