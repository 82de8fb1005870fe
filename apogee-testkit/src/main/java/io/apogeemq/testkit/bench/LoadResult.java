package io.apogeemq.testkit.bench;

import org.HdrHistogram.Histogram;

/**
 * What one closed-loop load round measured ({@link ClosedLoopLoad}).
 *
 * @param operations calls that completed
 * @param startNanos {@link System#nanoTime()} when the first thread started; a benchmark that
 *     waits for an effect after the load (e.g. visibility of committed messages) measures its own
 *     elapsed time from here
 * @param endNanos {@link System#nanoTime()} when the last thread finished
 * @param latencyNanos per-call latency (3 significant digits); not shared, not to be changed
 */
public record LoadResult(long operations, long startNanos, long endNanos, Histogram latencyNanos) {

  /** Seconds from start to the last thread's end. */
  public double elapsedSeconds() {
    return (endNanos - startNanos) / 1e9;
  }

  /** Calls per second times {@code itemsPerCall} (e.g. messages per batch send). */
  public double perSecond(int itemsPerCall) {
    return operations * (double) itemsPerCall / elapsedSeconds();
  }

  public long p50Nanos() {
    return latencyNanos.getValueAtPercentile(50);
  }

  public long p99Nanos() {
    return latencyNanos.getValueAtPercentile(99);
  }

  public long maxNanos() {
    return latencyNanos.getMaxValue();
  }
}
