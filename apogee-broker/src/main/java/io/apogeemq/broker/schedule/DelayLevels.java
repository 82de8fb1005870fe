package io.apogeemq.broker.schedule;

import java.util.Arrays;
import java.util.Locale;

/**
 * The delay-level table of {@code messageDelayLevel} (semantics.md §2.1): level <i>k</i> (1-based)
 * waits the k-th duration of a space-separated list such as {@code "1s 5s 10s 30s 1m 2h"}; units
 * {@code ms} (Apogee addition, handy in tests), {@code s}, {@code m}, {@code h}, {@code d}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DelayLevels {

  /** RocketMQ's default table: 18 levels from 1 s to 2 h. */
  public static final String DEFAULT_SPEC =
      "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

  private final String spec;
  private final long[] delayMillis;

  private DelayLevels(String spec, long[] delayMillis) {
    this.spec = spec;
    this.delayMillis = delayMillis;
  }

  /** The default 18 levels. */
  public static DelayLevels defaults() {
    return parse(DEFAULT_SPEC);
  }

  /**
   * Parses a table.
   *
   * @throws IllegalArgumentException naming the bad token when a token is not a positive number
   *     followed by a unit, or when the table is empty
   */
  public static DelayLevels parse(String spec) {
    String trimmed = spec == null ? "" : spec.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("the delay level table is empty");
    }
    String[] tokens = trimmed.split("\\s+");
    long[] millis = new long[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      millis[i] = parseToken(tokens[i], i + 1);
    }
    return new DelayLevels(String.join(" ", tokens), millis);
  }

  private static long parseToken(String token, int level) {
    String t = token.toLowerCase(Locale.ROOT);
    long unit;
    String number;
    if (t.endsWith("ms")) {
      unit = 1;
      number = t.substring(0, t.length() - 2);
    } else {
      unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
        case 's' -> 1_000L;
        case 'm' -> 60_000L;
        case 'h' -> 3_600_000L;
        case 'd' -> 86_400_000L;
        default -> 0L;
      };
      number = t.substring(0, Math.max(0, t.length() - 1));
    }
    long n = -1;
    if (unit != 0 && !number.isEmpty() && number.chars().allMatch(Character::isDigit)
        && number.length() <= 9) {
      n = Long.parseLong(number);
    }
    if (n <= 0) {
      throw new IllegalArgumentException("delay level " + level + ": '" + token
          + "' is not a positive duration such as 5s, 2m, 1h, 1d or 500ms");
    }
    return n * unit;
  }

  /** Number of levels (the highest level). */
  public int maxLevel() {
    return delayMillis.length;
  }

  /** Delay of a level in ms; {@code level} in 1..{@link #maxLevel()}. */
  public long delayMillis(int level) {
    if (level < 1 || level > delayMillis.length) {
      throw new IllegalArgumentException("delay level " + level + " is outside 1.."
          + delayMillis.length);
    }
    return delayMillis[level - 1];
  }

  /** A requested level clamped to 1..{@link #maxLevel()} as RocketMQ does for levels above max. */
  public int clamp(int level) {
    return Math.max(1, Math.min(level, delayMillis.length));
  }

  /** The table in {@code messageDelayLevel} syntax (tokens separated by one space). */
  public String spec() {
    return spec;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DelayLevels d && Arrays.equals(delayMillis, d.delayMillis);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(delayMillis);
  }

  @Override
  public String toString() {
    return "DelayLevels[" + spec + "]";
  }
}
