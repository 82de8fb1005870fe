package io.apogeemq.testkit.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The positional arguments every side-by-side load benchmark takes:
 * {@code [seconds] [threads] [size] [rounds]}, each optional, with the benchmark's own defaults.
 *
 * @param seconds length of one measured round
 * @param threads load-generating threads sharing one client
 * @param size message body size in bytes
 * @param rounds how many times every scenario runs (alternating, see {@link AlternatingRounds})
 */
public record BenchArgs(int seconds, int threads, int size, int rounds) {

  public BenchArgs {
    if (seconds <= 0 || threads <= 0 || size < 0 || rounds <= 0) {
      throw new IllegalArgumentException("bad benchmark arguments: seconds=" + seconds
          + " threads=" + threads + " size=" + size + " rounds=" + rounds);
    }
  }

  /** Reads {@code args}; a missing position takes the value of {@code defaults}. */
  public static BenchArgs parse(String[] args, BenchArgs defaults) {
    return new BenchArgs(at(args, 0, defaults.seconds), at(args, 1, defaults.threads),
        at(args, 2, defaults.size), at(args, 3, defaults.rounds));
  }

  /** One round's length. */
  public Duration round() {
    return Duration.ofSeconds(seconds);
  }

  /** A body of {@code size} bytes of {@code 'x'}. */
  public byte[] body() {
    byte[] body = new byte[size];
    java.util.Arrays.fill(body, (byte) 'x');
    return body;
  }

  /** The first line of a benchmark's output: its arguments and the machine's core count. */
  public String describe() {
    return String.format(Locale.ROOT, "seconds=%d threads=%d size=%d rounds=%d cores=%d", seconds,
        threads, size, rounds, Runtime.getRuntime().availableProcessors());
  }

  private static int at(String[] args, int i, int dflt) {
    if (args.length <= i) {
      return dflt;
    }
    try {
      return Integer.parseInt(args[i]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("argument " + (i + 1) + " is not a number: " + args[i], e);
    }
  }
}
